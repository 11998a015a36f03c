import { expect, test } from '@playwright/test';
import { ACCOUNTS, openSignedIn, signIn } from './helpers';

for (const account of ACCOUNTS) {
  test(`${account.upn} (${account.role}) signs in and sees the shell`, { tag: '@core' }, async ({ page }) => {
    await page.goto('/signin');
    await signIn(page, account.upn);
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('link', { name: 'Endpoint Admin' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const item of ['Home', 'Devices', 'Tenant administration']) {
      await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('button', { name: `Account: ${account.upn}` })).toContainText(account.displayName);
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  });
}

test('a wrong password is refused with the admin center message', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('User name').fill('admin@contoso.com');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your account or password is incorrect.');
  await expect(page).toHaveURL(/\/signin/);
});

test('sign out ends the session and pages ask to sign in again', async ({ page }) => {
  await openSignedIn(page, '/devices');
  await page.getByRole('button', { name: 'Account: admin@contoso.com' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/tenant-admin');
  await expect(page).toHaveURL(/\/signin\?returnTo=%2Ftenant-admin/);
});

test('sign out revokes the token on the server, not only in the browser', async ({ page }) => {
  await openSignedIn(page, '/devices');
  const token = await page.evaluate(() => sessionStorage.getItem('endpoint-admin.accessToken'));
  expect(token).toBeTruthy();
  const headers = { Authorization: `Bearer ${token}` };
  expect((await page.request.get('/beta/me', { headers })).status()).toBe(200);
  await page.getByRole('button', { name: 'Account: admin@contoso.com' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect.poll(async () => (await page.request.get('/beta/me', { headers })).status()).toBe(401);
});

test('after five wrong passwords the sign-in page says when to try again', async ({ page }) => {
  // An account of its own, so that no other test's account is locked out.
  await page.goto('/signin');
  await page.getByLabel('User name').fill('locked.out@contoso.com');
  await page.getByLabel('Password').fill('not the password');
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Your account or password is incorrect.');
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many failed sign-ins. Try again in 15 minutes.');
});

test('a deep link opened while signed out returns there after sign-in', async ({ page }) => {
  await page.goto('/devices/all?managedBy=configMgr&compliance=configManager');
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
  await signIn(page, 'helpdesk@contoso.com');
  await expect(page).toHaveURL('/devices/all?managedBy=configMgr&compliance=configManager');
  await expect(page.getByRole('heading', { level: 1, name: 'Devices | All devices' })).toBeVisible();
  const pills = page.getByRole('list', { name: 'Active filters' });
  await expect(pills.getByRole('listitem')).toHaveText(['Managed by: ConfigMgr', 'Compliance: See ConfigMgr']);
});

test('a refused token returns to sign-in and then back to the page', async ({ page }) => {
  await openSignedIn(page, '/tenant-admin');
  await page.evaluate(() => sessionStorage.setItem('endpoint-admin.accessToken', 'forged-or-expired'));
  await page.reload();
  await expect(page).toHaveURL(/\/signin\?returnTo=%2Ftenant-admin/);
  await signIn(page, 'admin@contoso.com');
  await expect(page).toHaveURL('/tenant-admin');
});

test('the account menu works from the keyboard', async ({ page }) => {
  await openSignedIn(page, '/');
  const account = page.getByRole('button', { name: 'Account: admin@contoso.com' });
  await account.focus();
  await page.keyboard.press('Enter');
  await expect(account).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(account).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/signin/);
});
