import { APIRequestContext, Page, expect } from '@playwright/test';

export const PASSWORD = 'demo';

export const ACCOUNTS = [
  { upn: 'admin@contoso.com', displayName: 'Contoso Administrator', role: 'Intune Administrator' },
  { upn: 'helpdesk@contoso.com', displayName: 'Contoso Help Desk', role: 'Help Desk Operator' },
  { upn: 'reader@contoso.com', displayName: 'Contoso Reader', role: 'Read Only Operator' },
  { upn: 'cloudadmin@contoso.com', displayName: 'Contoso Cloud Administrator', role: 'Intune Administrator' },
];

/** Fills the sign-in form (the page must be on /signin) and waits to leave it. */
export async function signIn(page: Page, upn: string, password = PASSWORD) {
  await page.getByLabel('User name').fill(upn);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

/** Opens `path`, signing in as `upn` on the way. */
export async function openSignedIn(page: Page, path: string, upn = 'admin@contoso.com') {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, upn);
}

/** A bearer token for direct API calls. */
export async function apiToken(request: APIRequestContext, upn = 'admin@contoso.com'): Promise<string> {
  const response = await request.post('/auth/token', { data: { userPrincipalName: upn, password: PASSWORD } });
  expect(response.status()).toBe(200);
  return (await response.json()).accessToken;
}

export async function apiGet(request: APIRequestContext, path: string, upn = 'admin@contoso.com') {
  const token = await apiToken(request, upn);
  const response = await request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return response.json();
}

/** 12345 → "12,345", as the app shows counts. */
export const formatCount = (value: number) => value.toLocaleString('en-US');

/** The device (by name, after `skip` others) that an OData `$filter` matches, from the API. */
export async function deviceWhere(request: APIRequestContext, filter: string, skip = 0) {
  const page = await apiGet(request, `/beta/deviceManagement/managedDevices?$top=1&$skip=${skip}&$filter=${encodeURIComponent(filter)}`);
  expect(page.value.length).toBe(1);
  return page.value[0] as { id: string; deviceName: string; operatingSystem: string };
}

/** A POST to the API as `upn`; returns the response. */
export async function apiPost(request: APIRequestContext, path: string, data?: unknown, upn = 'admin@contoso.com') {
  const token = await apiToken(request, upn);
  return request.post(path, { headers: { Authorization: `Bearer ${token}` }, data });
}

export const ONLINE_CONFIGMGR =
  "managementAgent eq 'configurationManagerClient' and isOnline eq true and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'";
export const OFFLINE_CONFIGMGR =
  "managementAgent eq 'configurationManagerClient' and isOnline eq false and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'";
export const INTUNE_WINDOWS = "managementAgent eq 'mdm' and operatingSystem eq 'Windows' and managementState eq 'managed'";
export const CO_MANAGED = "managementAgent eq 'configurationManagerClientMdm' and managementState eq 'managed'";
export const CO_MANAGED_ONLINE =
  "managementAgent eq 'configurationManagerClientMdm' and isOnline eq true and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'";
