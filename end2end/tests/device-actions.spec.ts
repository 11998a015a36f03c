import { Page, expect as baseExpect } from '@playwright/test';
import {
  CO_MANAGED, INTUNE_WINDOWS, OFFLINE_CONFIGMGR, ONLINE_CONFIGMGR, apiPost, deviceWhere, formatCount, openSignedIn, signIn,
} from './helpers';
import { expect, test } from './tenant-server';

const DEVICES = '/beta/deviceManagement/managedDevices';
const SITE_REFUSAL =
  "The Configuration Manager site refused this action: your account must be discovered by both Azure AD user discovery and Active Directory user discovery, and hold the permission on the device's collection.";

const actions = (page: Page) => page.getByRole('toolbar', { name: 'Device actions' });
const status = (page: Page) => page.getByRole('region', { name: 'Device action status' });
/** The newest row of Device action status. */
const newest = (page: Page) => status(page).locator('tbody tr').first();

async function openDevice(page: Page, id: string, upn = 'admin@contoso.com') {
  await openSignedIn(page, `/devices/${id}`, upn);
  await baseExpect(page.getByRole('region', { name: 'Essentials' })).toBeVisible();
}

/** Clicks `action` (in the bar, or under More actions) and answers Yes. */
async function run(page: Page, action: string, more = false) {
  if (more) {
    await actions(page).getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: action }).click();
  } else {
    await actions(page).getByRole('button', { name: action, exact: true }).click();
  }
  const dialog = page.getByRole('dialog', { name: action });
  await expect(dialog).toContainText('Are you sure');
  await dialog.getByRole('button', { name: 'Yes' }).click();
  await expect(dialog).toBeHidden();
}

// Each test acts on a device of its own (`skip`), so parallel tests never read each other's actions.
for (const [index, action] of ['Sync machine policy', 'Sync user policy', 'App evaluation cycle'].entries()) {
  test(`${action}: from the click to Completed, with the pipeline's log`, { tag: '@core' }, async ({ page, request }) => {
    const device = await deviceWhere(request, ONLINE_CONFIGMGR, index);
    await openDevice(page, device.id);
    await run(page, action);
    await expect(page.getByRole('status').filter({ hasText: `${action} was sent` })).toBeVisible();
    await expect(newest(page)).toContainText(action);
    await expect(newest(page)).toContainText('Completed');
    await newest(page).getByRole('button', { name: action }).click();
    const log = status(page).locator('.log-row').first();
    for (const file of ['CMGatewayNotificationWorker.log', 'BgbServer.log', 'CcmNotificationAgent.log']) {
      await expect(log.getByRole('region', { name: new RegExp(file.replace('.', '\\.')) })).toBeVisible();
    }
    await expect(log).toContainText('Authorized to perform client action.');
    await expect(log).toContainText('Starting to send push task');
    await expect(log).toContainText('<ReturnCode>1</ReturnCode></BgbResponseMessage> successfully.');
  });
}

test('the rest of the ConfigMgr actions sit under More actions', async ({ page, request }) => {
  const device = await deviceWhere(request, ONLINE_CONFIGMGR, 3);
  await openDevice(page, device.id);
  await actions(page).getByRole('button', { name: 'More actions' }).click();
  const menu = page.getByRole('menu', { name: 'More actions' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Wake up client', 'Quick scan', 'Full scan', 'Update Windows Defender security intelligence']);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await run(page, 'Quick scan', true);
  await expect(newest(page)).toContainText('Completed');
});

test("an offline client's action waits at the management point, then finishes once the client is online", async ({ page, request }) => {
  const device = await deviceWhere(request, OFFLINE_CONFIGMGR);
  await openDevice(page, device.id);
  await expect(page.getByRole('region', { name: 'Essentials' })).toContainText('Offline');
  await run(page, 'Sync machine policy');
  await expect(newest(page)).toContainText('In progress');
  await expect(newest(page)).toContainText('Waiting for the client to come online');
  const online = await apiPost(request, `${DEVICES}/${device.id}/simulateCheckIn`);
  expect(online.status()).toBe(204);
  await expect(newest(page)).toContainText('Completed');
  await expect(page.getByRole('region', { name: 'Essentials' })).toContainText('Online');
});

test('the site refuses a cloud-only account, and the page says why', async ({ page, request }) => {
  const device = await deviceWhere(request, ONLINE_CONFIGMGR, 4);
  await openDevice(page, device.id, 'cloudadmin@contoso.com');
  await run(page, 'App evaluation cycle');
  await expect(newest(page)).toContainText('Failed');
  await expect(newest(page)).toContainText(SITE_REFUSAL);
  await newest(page).getByRole('button', { name: 'App evaluation cycle' }).click();
  await expect(status(page).locator('.log-row')).toContainText('Unauthorized to perform client action. TemplateID: AppDeplEval');
});

test('the read-only account sees every action disabled, with the reason', async ({ page, request }) => {
  const device = await deviceWhere(request, CO_MANAGED);
  await openDevice(page, device.id, 'reader@contoso.com');
  const labels = ['Sync machine policy', 'Sync user policy', 'App evaluation cycle', 'Sync', 'Restart', 'Rename device', 'Retire', 'Wipe', 'Delete'];
  for (const label of labels) {
    const button = actions(page).getByRole('button', { name: label, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(`The Read Only Operator role does not allow ${label}.`);
  }
  await actions(page).getByRole('button', { name: 'More actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Quick scan' })).toBeDisabled();
});

test('the help desk may not retire, wipe or delete, and may do the rest', async ({ page, request }) => {
  const device = await deviceWhere(request, CO_MANAGED);
  await openDevice(page, device.id, 'helpdesk@contoso.com');
  for (const label of ['Retire', 'Wipe', 'Delete']) {
    const button = actions(page).getByRole('button', { name: label, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(`The Help Desk Operator role does not allow ${label}.`);
  }
  for (const label of ['Sync machine policy', 'Sync', 'Restart', 'Rename device']) {
    await expect(actions(page).getByRole('button', { name: label, exact: true })).toBeEnabled();
  }
});

test('Rename device follows the admin center rules, then renames at the check-in', async ({ page, startTenant }) => {
  const base = await startTenant('intune', { devices: 200 });
  const token = await (await page.request.post(`${base}/auth/token`, { data: { userPrincipalName: 'admin@contoso.com', password: 'demo' } })).json();
  const found = await (
    await page.request.get(`${base}${DEVICES}?$top=1&$filter=${encodeURIComponent(INTUNE_WINDOWS)}`, {
      headers: { Authorization: `Bearer ${token.accessToken}` },
    })
  ).json();
  const device = found.value[0];
  await page.goto(`${base}/devices/${device.id}`);
  await signIn(page, 'admin@contoso.com');
  await actions(page).getByRole('button', { name: 'Rename device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename device' });
  const name = dialog.getByRole('textbox', { name: 'New device name' });
  for (const [typed, rule] of [
    ['LAB_01', 'A device name can contain only letters, numbers and hyphens.'],
    ['12345', "A device name can't contain only numbers."],
    ['CONTOSO-LAB-0001', 'A Windows device name can have at most 15 characters.'],
  ]) {
    await name.fill(typed);
    await expect(dialog.locator('#rename-problem')).toHaveText(rule);
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('button', { name: 'Yes' })).toBeDisabled();
  }
  await name.fill('CONTOSO-LAB-01');
  await expect(dialog.locator('#rename-problem')).toHaveText('');
  await dialog.getByRole('button', { name: 'Yes' }).click();
  await expect(newest(page)).toContainText('Rename device');
  await expect(newest(page)).toContainText('Completed');
  await expect(page.getByRole('heading', { level: 1, name: 'CONTOSO-LAB-01 | Overview' })).toBeVisible();
});

test('Retire shows Retire pending on the device, in All devices and in the overview counts', async ({ page, startTenant }) => {
  const base = await startTenant('intune', { devices: 200 });
  await page.goto(`${base}/devices/all?managedBy=intune&deviceState=managed`);
  await signIn(page, 'admin@contoso.com');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  const link = grid.locator('tbody a').first();
  const name = (await link.textContent())!;
  await link.click();
  await run(page, 'Retire');
  await expect(page.locator('dt:has-text("Device state") + dd')).toHaveText('Retire pending');
  await expect(newest(page)).toContainText('Pending');
  await expect(newest(page)).toContainText("Waits for the device's next check-in");
  await expect(actions(page).getByRole('button', { name: 'Restart' })).toBeDisabled();
  await page.goto(`${base}/devices/all?deviceState=retirePending&search=${encodeURIComponent(name)}`);
  await expect(grid.locator('tbody a', { hasText: name })).toBeVisible();
  await page.goto(`${base}/devices`);
  await expect(page.getByRole('region', { name: 'Device state' }).getByRole('link', { name: /^Retire pending:/ })).toBeVisible();
});

test('Delete removes the device at once and returns to All devices', async ({ page, startTenant }) => {
  const base = await startTenant('intune', { devices: 200 });
  await page.goto(`${base}/devices/all?managedBy=coManaged`);
  await signIn(page, 'admin@contoso.com');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  const summary = page.locator('.pager-summary');
  // The count comes apart from the rows.
  await expect(summary).toHaveText(/ records$/);
  const before = (await summary.textContent())!;
  const link = grid.locator('tbody a').first();
  const name = (await link.textContent())!;
  await link.click();
  await run(page, 'Delete');
  await expect(page).toHaveURL(/\/devices\/all\?managedBy=coManaged$/);
  await expect(page.getByRole('status').filter({ hasText: `${name} was deleted.` })).toBeVisible();
  await expect(summary).not.toHaveText(before);
});

test('Wipe offers its two options', async ({ page, request }) => {
  const device = await deviceWhere(request, CO_MANAGED);
  await openDevice(page, device.id);
  await actions(page).getByRole('button', { name: 'Wipe' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wipe' });
  await expect(dialog.getByRole('checkbox', { name: 'Retain enrollment state and user account' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Wipe device, but keep user data' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'No' }).click();
  await expect(dialog).toBeHidden();
  await expect(actions(page).getByRole('button', { name: 'Wipe' })).toBeFocused();
});

test('a bulk action on a filtered set acts on exactly the count the pager shows', async ({ page, startTenant }) => {
  const base = await startTenant('intune', { devices: 300 });
  await page.goto(`${base}/devices/all?managedBy=configMgr`);
  await signIn(page, 'admin@contoso.com');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  // The count comes apart from the rows.
  await expect(page.locator('.pager-summary')).toHaveText(/ records$/);
  const summary = (await page.locator('.pager-summary').textContent())!;
  const total = Number(summary.match(/of ([\d,]+) records/)![1].replace(/,/g, ''));
  await page.getByRole('toolbar', { name: 'Commands' }).getByRole('button', { name: 'Bulk device actions' }).click();
  const pane = page.getByRole('dialog', { name: 'Bulk device actions' });
  await pane.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Sync machine policy' });
  await pane.getByRole('radio', { name: `All ${formatCount(total)} devices that match the current search and filters` }).check();
  await pane.getByRole('button', { name: 'Review' }).click();
  await expect(pane).toContainText(`Run Sync machine policy on all ${formatCount(total)} devices that match the current search and filters?`);
  await pane.getByRole('button', { name: 'Yes' }).click();
  const result = pane.getByRole('status');
  await expect(result).toContainText('Sync machine policy:');
  const [succeeded, failed, notFound, notSupported] = ((await result.textContent())!.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
  expect(succeeded + failed + notFound + notSupported).toBe(total);
  expect(notSupported).toBe(0);
});

test('bulk actions on the checked rows report each device', async ({ page, startTenant }) => {
  const base = await startTenant('intune', { devices: 100 });
  await page.goto(`${base}/devices/all`);
  await signIn(page, 'admin@contoso.com');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  for (const row of [0, 1, 2]) await grid.locator('tbody tr').nth(row).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Bulk device actions' }).click();
  const pane = page.getByRole('dialog', { name: 'Bulk device actions' });
  await pane.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Sync' });
  await expect(pane.getByRole('radio', { name: 'The 3 selected devices' })).toBeChecked();
  await pane.getByRole('button', { name: 'Review' }).click();
  await expect(pane).toContainText('Run Sync on the 3 selected devices?');
  await pane.getByRole('button', { name: 'Yes' }).click();
  await expect(pane.getByRole('status')).toHaveText(/^Sync: \d+ succeeded, \d+ failed, 0 not found, \d+ not supported\.$/);
});

test('the reader may not open bulk actions, and is told why', async ({ page }) => {
  await openSignedIn(page, '/devices/all', 'reader@contoso.com');
  const bulk = page.getByRole('button', { name: 'Bulk device actions' });
  await expect(bulk).toBeDisabled();
  await expect(bulk).toHaveAccessibleDescription('The Read Only Operator role does not allow device actions.');
});

test('the breadcrumb returns to the All devices view the admin left, and the Devices menu leads there', async ({ page }) => {
  await openSignedIn(page, '/devices/all?managedBy=coManaged&orderBy=deviceName+desc');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  await grid.locator('tbody a').first().click();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'All devices' }).click();
  await expect(page).toHaveURL('/devices/all?managedBy=coManaged&orderBy=deviceName+desc');
  await page.getByRole('navigation', { name: 'Devices' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Devices | Overview' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Devices' }).getByRole('link', { name: 'All devices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Devices | All devices' })).toBeVisible();
});

test('a ConfigMgr device has Applications in its menu; an Intune device does not', async ({ page, request }) => {
  const configmgr = await deviceWhere(request, ONLINE_CONFIGMGR, 5);
  await openDevice(page, configmgr.id);
  const menu = page.getByRole('navigation', { name: 'Device' });
  await expect(menu.getByRole('link')).toHaveText(['Overview', 'Applications']);
  await menu.getByRole('link', { name: 'Applications' }).click();
  await expect(page).toHaveURL(`/devices/${configmgr.id}/applications`);
  await expect(page.getByRole('heading', { level: 1, name: `${configmgr.deviceName} | Applications` })).toBeVisible();
  const intune = await deviceWhere(request, INTUNE_WINDOWS);
  await page.goto(`/devices/${intune.id}`);
  await expect(menu.getByRole('link')).toHaveText(['Overview']);
});

test('Device action status asks again only while an action is unfinished', async ({ page, request }) => {
  const device = await deviceWhere(request, ONLINE_CONFIGMGR, 6);
  const polls: number[] = [];
  page.on('request', (sent) => {
    if (sent.url().endsWith(`/managedDevices/${device.id}/deviceActionResults`)) polls.push(Date.now());
  });
  await openDevice(page, device.id);
  await run(page, 'Sync machine policy');
  await expect(newest(page)).toContainText('Completed');
  expect(polls.length).toBeGreaterThan(0);
  // Nothing is unfinished now: no more requests.
  const settled = polls.length;
  await page.waitForTimeout(1500);
  expect(polls.length).toBe(settled);
});
