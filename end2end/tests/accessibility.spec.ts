import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { CO_MANAGED, CO_MANAGED_ONLINE, deviceWhere, openSignedIn, signIn } from './helpers';
import { expect, test } from './tenant-server';

// axe takes seconds per page; these tests check many pages each.
test.describe.configure({ timeout: 120_000 });

/** axe-core finds no violation on what the page shows now (dialogs and panes included). */
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html}`).join(', ')}`);
  expect(found).toEqual([]);
}

test('sign-in', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoViolations(page);
});

test('home, Devices overview and tenant administration', async ({ page }) => {
  await openSignedIn(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expectNoViolations(page);
  await page.goto('/devices');
  await expect(page.locator('[data-count="total"]')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Compliance' })).toBeVisible();
  await expectNoViolations(page);
  await page.goto('/tenant-admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Tenant administration | Tenant status' })).toBeVisible();
  await expectNoViolations(page);
});

test('All devices, with each of its panes open', async ({ page }) => {
  await openSignedIn(page, '/devices/all?managedBy=coManaged');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  await grid.locator('tbody tr').first().getByRole('checkbox').check();
  await expectNoViolations(page);
  for (const pane of ['Filter', 'Columns', 'Bulk device actions']) {
    await page.getByRole('toolbar', { name: 'Commands' }).getByRole('button', { name: pane, exact: true }).click();
    await expect(page.getByRole('dialog', { name: pane })).toBeVisible();
    await expectNoViolations(page);
    await page.keyboard.press('Escape');
  }
});

test('a device page: overview, a confirmation open, a log open, applications', async ({ page, request }) => {
  const device = await deviceWhere(request, CO_MANAGED_ONLINE, 2);
  await openSignedIn(page, `/devices/${device.id}`);
  await expect(page.getByRole('region', { name: 'Essentials' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Sync machine policy' }).click();
  await expect(page.getByRole('dialog', { name: 'Sync machine policy' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('dialog').getByRole('button', { name: 'Yes' }).click();
  const status = page.getByRole('region', { name: 'Device action status' });
  await expect(status.locator('tbody tr').first()).toContainText('Completed');
  await status.getByRole('button', { name: 'Sync machine policy' }).first().click();
  await expect(status.locator('.log-row')).toContainText('BgbServer.log');
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'More actions' }).click();
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Rename device' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'New device name' }).fill('BAD_NAME');
  await expectNoViolations(page);
  await page.getByRole('dialog').getByRole('button', { name: 'No' }).click();
  await page.getByRole('navigation', { name: 'Device' }).getByRole('link', { name: 'Applications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /\| Applications$/ })).toBeVisible();
  const apps = page.getByRole('table', { name: 'Applications' });
  await expect(apps.locator('tbody tr').first()).toBeVisible();
  await expectNoViolations(page);
  for (const pane of ['Filter', 'Columns']) {
    await page.getByRole('toolbar', { name: 'Commands' }).getByRole('button', { name: pane, exact: true }).click();
    await expect(page.getByRole('dialog', { name: pane })).toBeVisible();
    await expectNoViolations(page);
    await page.keyboard.press('Escape');
  }
  // An application's details, reached and closed by keyboard.
  await apps.getByRole('link').first().focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog');
  await expect(details.getByRole('toolbar', { name: 'Application actions' })).toBeVisible();
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('the read-only account: disabled actions', async ({ page, request }) => {
  const device = await deviceWhere(request, CO_MANAGED, 3);
  await openSignedIn(page, `/devices/${device.id}`, 'reader@contoso.com');
  await expect(page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: 'Retire' })).toBeDisabled();
  await expectNoViolations(page);
});

test('the MDM authority banner and both blades', async ({ page, startTenant }) => {
  const unknown = await startTenant('unknown');
  await page.goto(`${unknown}/`);
  await signIn(page, 'admin@contoso.com');
  await page.getByRole('button', { name: /You haven't enabled device management yet/ }).click();
  await expect(page.getByRole('dialog', { name: 'Choose MDM Authority' })).toBeVisible();
  await expectNoViolations(page);

  const office365 = await startTenant('office365');
  await page.goto(`${office365}/devices`);
  await signIn(page, 'helpdesk@contoso.com');
  await expect(page.getByRole('dialog', { name: 'Add MDM Authority' })).toBeVisible();
  await expectNoViolations(page);
});

test('the banner for a user who may not choose the authority', async ({ page, startTenant }) => {
  const unknown = await startTenant('unknown');
  await page.goto(`${unknown}/devices`);
  await signIn(page, 'reader@contoso.com');
  await expect(page.getByRole('note')).toContainText('Only an Intune Administrator can choose the MDM authority.');
  await expectNoViolations(page);
});
