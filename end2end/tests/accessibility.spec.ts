import * as fs from 'fs';
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
  await page.getByRole('button', { name: /^Account/ }).click();
  await expect(page.getByRole('menu', { name: 'Account' }).getByRole('menuitemradio', { name: 'Nederlands' })).toBeVisible();
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
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

// Every page again in Dutch and Swedish, dialogs and menus open, the charts drawn: names and
// descriptions change length and words, and the page must still have no violation.
for (const [tag, locale] of [['nl', 'nl-NL'], ['sv', 'sv-SE']] as const) {
  const m: Record<string, string> = JSON.parse(fs.readFileSync(`../model/i18n/${tag}.json`, 'utf8'));
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test(`every page in ${tag}, with its panes, dialogs and menus open`, async ({ page, request, startTenant }) => {
      await page.goto('/signin');
      await expect(page.locator('html')).toHaveAttribute('lang', tag);
      await expectNoViolations(page);
      await page.getByLabel(m.user_name).fill('admin@contoso.com');
      await page.getByLabel(m.password).fill('demo');
      await page.getByRole('button', { name: m.sign_in }).click();
      await expect(page.getByRole('heading', { level: 1, name: m.home })).toBeVisible();
      await page.getByRole('button', { name: new RegExp(`^${m.account}`) }).click();
      await expect(page.getByRole('menu', { name: m.account })).toBeVisible();
      await expectNoViolations(page);
      await page.keyboard.press('Escape');

      await page.goto('/devices');
      await expect(page.getByRole('img', { name: m.column_compliance })).toBeVisible();
      await expectNoViolations(page);
      await page.goto('/tenant-admin');
      await expect(page.getByRole('heading', { level: 1, name: m.tenant_status_title })).toBeVisible();
      await expectNoViolations(page);

      await page.goto('/devices/all?managedBy=coManaged');
      const grid = page.getByRole('table', { name: m.devices });
      await expect(grid).toHaveAttribute('aria-busy', 'false');
      await grid.locator('tbody tr').first().getByRole('checkbox').check();
      await expectNoViolations(page);
      for (const pane of [m.filter, m.columns, m.bulk_device_actions]) {
        await page.getByRole('toolbar', { name: m.commands }).getByRole('button', { name: pane, exact: true }).click();
        await expect(page.getByRole('dialog', { name: pane })).toBeVisible();
        await expectNoViolations(page);
        await page.keyboard.press('Escape');
      }

      const device = await deviceWhere(request, CO_MANAGED_ONLINE, tag === 'nl' ? 40 : 41);
      await page.goto(`/devices/${device.id}`);
      await expect(page.getByRole('region', { name: m.essentials })).toBeVisible();
      await page.getByRole('toolbar', { name: m.device_actions }).getByRole('button', { name: m.action_sync_machine_policy }).click();
      await expect(page.getByRole('dialog', { name: m.action_sync_machine_policy })).toBeVisible();
      await expectNoViolations(page);
      await page.getByRole('dialog').getByRole('button', { name: m.yes }).click();
      const status = page.getByRole('region', { name: m.device_action_status });
      await expect(status.locator('tbody tr').first()).toContainText(m.action_state_completed);
      await status.getByRole('button', { name: m.action_sync_machine_policy }).first().click();
      await expect(status.locator('.log-row')).toContainText('BgbServer.log');
      await expectNoViolations(page);

      await page.getByRole('navigation', { name: m.device }).getByRole('link', { name: m.applications }).click();
      const apps = page.getByRole('table', { name: m.applications });
      await expect(apps.locator('tbody tr').first()).toBeVisible();
      await expectNoViolations(page);
      await apps.getByRole('link').first().click();
      await expect(page.getByRole('dialog').getByRole('toolbar', { name: m.application_actions })).toBeVisible();
      await expectNoViolations(page);

      const unknown = await startTenant('unknown');
      await page.goto(`${unknown}/`);
      await page.getByLabel(m.user_name).fill('admin@contoso.com');
      await page.getByLabel(m.password).fill('demo');
      await page.getByRole('button', { name: m.sign_in }).click();
      await page.getByRole('button', { name: m.mdm_banner }).click();
      await expect(page.getByRole('dialog', { name: m.choose_mdm_authority })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
