import { Page } from '@playwright/test';
import { expect, test } from './tenant-server';
import { signIn } from './helpers';

const BANNER = "You haven't enabled device management yet. Select this banner to choose an MDM authority.";
const SUCCESS = 'You have successfully set your MDM authority to Intune.';

async function open(page: Page, url: string, upn: string, path = '/devices') {
  await page.goto(`${url}${path}`);
  await signIn(page, upn);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const banner = (page: Page) => page.getByText(BANNER);

test.describe('authority not set', () => {
  test('the admin chooses Intune from the banner; it is gone everywhere and stays gone', async ({ page, startTenant }) => {
    const url = await startTenant('unknown');
    await open(page, url, 'admin@contoso.com');
    const bannerButton = page.getByRole('button', { name: BANNER });
    await expect(bannerButton).toBeVisible();
    await bannerButton.click();
    const blade = page.getByRole('dialog', { name: 'Choose MDM Authority' });
    await expect(blade).toBeVisible();
    await blade.getByRole('radio', { name: 'Intune MDM Authority' }).check();
    await blade.getByRole('button', { name: 'Choose' }).click();
    await expect(page.getByRole('status').filter({ hasText: SUCCESS })).toBeVisible();
    await expect(blade).toBeHidden();
    await expect(banner(page)).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenant administration' }).click();
    await expect(banner(page)).toHaveCount(0);
    await expect(page.locator('dt:has-text("MDM authority") + dd')).toHaveText('Intune');
    await expect(page.getByRole('table', { name: 'MDM authority changes' })).toContainText('admin@contoso.com');
    await page.reload();
    await expect(page.locator('dt:has-text("MDM authority") + dd')).toHaveText('Intune');
    await expect(banner(page)).toHaveCount(0);
  });

  test('None closes the blade and changes nothing', async ({ page, startTenant }) => {
    const url = await startTenant('unknown');
    await open(page, url, 'admin@contoso.com', '/tenant-admin');
    await page.getByRole('button', { name: BANNER }).click();
    const blade = page.getByRole('dialog', { name: 'Choose MDM Authority' });
    await blade.getByRole('radio', { name: 'None' }).check();
    await blade.getByRole('button', { name: 'Choose' }).click();
    await expect(blade).toBeHidden();
    await expect(page.getByRole('button', { name: BANNER })).toBeVisible();
    await expect(page.locator('dt:has-text("MDM authority") + dd')).toHaveText('Not set');
    await page.reload();
    await expect(page.getByRole('button', { name: BANNER })).toBeVisible();
  });

  test('keyboard only: the banner opens the blade, Escape closes it, Intune is chosen', async ({ page, startTenant }) => {
    const url = await startTenant('unknown');
    await open(page, url, 'admin@contoso.com', '/');
    const bannerButton = page.getByRole('button', { name: BANNER });
    await bannerButton.focus();
    await page.keyboard.press('Enter');
    const blade = page.getByRole('dialog', { name: 'Choose MDM Authority' });
    await expect(blade).toBeVisible();
    await expect(blade.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(blade).toBeHidden();
    await expect(bannerButton).toBeFocused();
    // A quick typist: Tab right after Space already lands inside the blade.
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(blade).toBeVisible();
    await expect(blade.getByRole('radio', { name: 'Intune MDM Authority' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(blade.getByRole('button', { name: 'Choose' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: SUCCESS })).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
  });

  for (const upn of ['reader@contoso.com', 'helpdesk@contoso.com']) {
    test(`${upn} sees the banner without the action and who can act`, async ({ page, startTenant }) => {
      const url = await startTenant('unknown');
      await open(page, url, upn);
      await expect(banner(page)).toBeVisible();
      await expect(page.getByRole('button', { name: BANNER })).toHaveCount(0);
      await expect(page.getByText('Only an Intune Administrator can choose the MDM authority.')).toBeVisible();
      await banner(page).click();
      await expect(page.getByRole('dialog', { name: 'Choose MDM Authority' })).toHaveCount(0);
    });
  }
});

test.describe('Office 365 (Basic Mobility and Security)', () => {
  test('Devices opens Add MDM Authority; Add turns on Intune with coexistence for good', async ({ page, startTenant }) => {
    const url = await startTenant('office365');
    await open(page, url, 'admin@contoso.com', '/');
    await expect(page.getByRole('dialog', { name: 'Add MDM Authority' })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
    const blade = page.getByRole('dialog', { name: 'Add MDM Authority' });
    await expect(blade).toBeVisible();
    await expect(blade.getByRole('radio', { name: 'Intune MDM Authority' })).toBeChecked();
    await blade.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByRole('status').filter({ hasText: SUCCESS })).toBeVisible();
    await expect(blade).toBeHidden();
    await page.goto(`${url}/tenant-admin`);
    await expect(page.locator('dt:has-text("MDM authority") + dd')).toHaveText('Intune');
    await expect(page.locator('dt:has-text("Coexistence with Office 365") + dd')).toHaveText('Enabled');
    await page.goto(`${url}/devices`);
    await expect(page.getByRole('heading', { level: 1, name: 'Devices | Overview' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Add MDM Authority' })).toHaveCount(0);
  });

  test('the read-only operator is told why Add is not offered', async ({ page, startTenant }) => {
    const url = await startTenant('office365');
    await open(page, url, 'reader@contoso.com');
    const blade = page.getByRole('dialog', { name: 'Add MDM Authority' });
    await expect(blade).toBeVisible();
    await expect(blade.getByRole('button', { name: 'Add' })).toBeDisabled();
    await expect(blade.getByText('Only an Intune Administrator can add the MDM authority.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(blade).toBeHidden();
    await expect(banner(page)).toHaveCount(0);
  });
});

test('an Intune tenant shows neither banner nor blade', async ({ page, startTenant }) => {
  const url = await startTenant('intune');
  await open(page, url, 'admin@contoso.com');
  await expect(page.getByRole('heading', { level: 1, name: 'Devices | Overview' })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
