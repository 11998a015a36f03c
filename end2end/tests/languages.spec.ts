import * as fs from 'fs';
import { Browser, Page } from '@playwright/test';
import { CO_MANAGED_ONLINE, PASSWORD, apiGet, deviceWhere } from './helpers';
import { expect, test } from './tenant-server';

// Dutch and Swedish journeys by their translated names. The admin center's own terms are written
// out (GLOSSARY.md), the rest read from the catalogues the SPA downloads.
type Catalogue = Record<string, string>;
const catalogue = (tag: string): Catalogue => JSON.parse(fs.readFileSync(`../model/i18n/${tag}.json`, 'utf8'));
const fill = (template: string, values: Record<string, string>) =>
  Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), template);

const LANGUAGES = [
  {
    tag: 'nl',
    locale: 'nl-NL',
    m: catalogue('nl'),
    glossary: {
      userName: 'Gebruikersnaam', password: 'Wachtwoord', signIn: 'Aanmelden', allDevices: 'Alle apparaten',
      managedBy: 'Beheerd door', coManaged: 'Gezamenlijk beheerd', syncMachinePolicy: 'Computerbeleid synchroniseren',
      yes: 'Ja', applications: 'Toepassingen', failed: 'Mislukt', language: 'Taal',
    },
  },
  {
    tag: 'sv',
    locale: 'sv-SE',
    m: catalogue('sv'),
    glossary: {
      userName: 'Användarnamn', password: 'Lösenord', signIn: 'Logga in', allDevices: 'Alla enheter',
      managedBy: 'Hanterad av', coManaged: 'Samhanterad', syncMachinePolicy: 'Synkronisera enhetsprincip',
      yes: 'Ja', applications: 'Program', failed: 'Misslyckades', language: 'Språk',
    },
  },
];

async function signInAs(page: Page, glossary: (typeof LANGUAGES)[number]['glossary'], upn = 'admin@contoso.com') {
  await page.getByLabel(glossary.userName).fill(upn);
  await page.getByLabel(glossary.password).fill(PASSWORD);
  await page.getByRole('button', { name: glossary.signIn }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

for (const { tag, locale, m, glossary } of LANGUAGES) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test(`a ${tag} browser gets the console in its language, numbers and dates as its locale writes them`, async ({ page, request }) => {
      await page.goto('/devices/all');
      await expect(page).toHaveURL(/\/signin/);
      await expect(page.locator('html')).toHaveAttribute('lang', tag);
      await expect(page.getByRole('heading', { level: 1, name: glossary.signIn })).toBeVisible();
      await signInAs(page, glossary);
      await expect(page.getByRole('heading', { level: 1, name: fill(m.all_devices_title, {}) })).toBeVisible();
      const grid = page.getByRole('table', { name: m.devices });
      await expect(grid.getByRole('columnheader')).toContainText([m.column_device_name, glossary.managedBy, m.column_last_check_in]);
      // 2,000 devices: "2.000" in Dutch, "2 000" (a no-break space) in Swedish.
      const total = (2000).toLocaleString(locale);
      expect(total).toBe(tag === 'nl' ? '2.000' : '2\u00a0000');
      const summary = page.getByRole('navigation', { name: m.pagination }).locator('.pager-summary');
      await expect(summary).toHaveText(fill(m.pager_showing, { first: '1', last: '50', total }));
      // The first row's check-in, as the browser's Intl writes it in the locale.
      const name = await grid.locator('tbody tr').first().getByRole('link').textContent();
      const filter = encodeURIComponent(`deviceName eq '${name!.replaceAll("'", "''")}'`);
      const first = (await apiGet(request, `/beta/deviceManagement/managedDevices?$filter=${filter}&$select=lastSyncDateTime`)).value[0];
      const expected = await page.evaluate(
        ([when, locale]) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(when)),
        [first.lastSyncDateTime, locale],
      );
      // Headers and cells line up, the select-all header included.
      const column = await grid.getByRole('columnheader').allTextContents();
      const at = column.findIndex((header) => header.includes(m.column_last_check_in));
      await expect(grid.locator('tbody tr').first().locator('td').nth(at)).toHaveText(expected);
      expect(expected).toMatch(tag === 'nl' ? /^\d{1,2}-\d{1,2}-\d{4}/ : /^\d{4}-\d{2}-\d{2}/);
    });

    test(`the ${tag} journey: filter All devices, open a device, ${glossary.syncMachinePolicy}, filter applications by status`, async ({ page, request }) => {
      const device = await deviceWhere(request, CO_MANAGED_ONLINE, 30 + LANGUAGES.findIndex((l) => l.tag === tag));
      await page.goto('/devices/all');
      await signInAs(page, glossary);
      await page.getByRole('toolbar', { name: m.commands }).getByRole('button', { name: m.filter, exact: true }).click();
      const pane = page.getByRole('dialog', { name: m.filter });
      await pane.getByRole('group', { name: glossary.managedBy }).getByRole('checkbox', { name: glossary.coManaged, exact: true }).check();
      await pane.getByRole('button', { name: m.apply }).click();
      await expect(page).toHaveURL(/managedBy=coManaged/);
      await expect(page.getByRole('list', { name: m.active_filters }).getByRole('listitem')).toHaveText([`${glossary.managedBy}: ${glossary.coManaged}`]);
      await expect(page.getByRole('table', { name: m.devices }).locator('tbody tr').first()).toContainText(glossary.coManaged);

      await page.goto(`/devices/${device.id}`);
      await expect(page.getByRole('region', { name: m.essentials })).toContainText(device.deviceName);
      await page.getByRole('toolbar', { name: m.device_actions }).getByRole('button', { name: glossary.syncMachinePolicy, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: glossary.syncMachinePolicy });
      await expect(dialog).toContainText(fill(m.confirm_run_action, { action: glossary.syncMachinePolicy, device: device.deviceName }));
      await dialog.getByRole('button', { name: glossary.yes }).click();
      await expect(page.getByRole('status').or(page.locator('.notifications'))).toContainText(
        fill(m.action_sent_to_site, { action: glossary.syncMachinePolicy, device: device.deviceName }),
      );
      const status = page.getByRole('region', { name: m.device_action_status });
      await expect(status.locator('tbody tr').first()).toContainText(m.action_state_completed);

      await page.getByRole('navigation', { name: m.device }).getByRole('link', { name: glossary.applications }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${device.deviceName} | ${glossary.applications}` })).toBeVisible();
      const statusFilter = page.getByRole('group', { name: m.app_column_status });
      await expect(statusFilter.getByRole('checkbox', { name: `${glossary.failed} (`, exact: false })).toBeVisible();
      // A status this device has some applications in.
      const counts = (await apiGet(request, `/beta/deviceManagement/managedDevices/${device.id}/applications?$top=1`)).installStateCounts;
      const [wire, key] = ([['failed', 'install_state_failed'], ['installed', 'install_state_installed'], ['available', 'install_state_available']] as const)
        .find(([wire]) => counts[wire] > 0)!;
      const label = m[key];
      await statusFilter.getByRole('checkbox', { name: new RegExp(`^${label} \\(`) }).check();
      await expect(page).toHaveURL(new RegExp(`status=${wire}`));
      await expect(page.getByRole('list', { name: m.active_filters })).toContainText(`${m.app_column_status}: ${label}`);
      const rows = page.getByRole('table', { name: glossary.applications }).locator('tbody tr');
      await expect(rows).toHaveCount(counts[wire]);
      for (let index = 0; index < counts[wire]; index++) {
        await expect(rows.nth(index)).toContainText(label);
      }
    });

    test(`the ${tag} CSV export has the headers and labels of the language`, async ({ page }) => {
      await page.goto('/devices/all?os=Windows&columns=deviceName%2CmanagementAgent%2CisEncrypted');
      await signInAs(page, glossary);
      await expect(page.getByRole('table', { name: m.devices }).locator('tbody tr')).toHaveCount(50);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('toolbar', { name: m.commands }).getByRole('button', { name: m.export }).click(),
      ]);
      const lines = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe([m.column_device_name, m.column_managed_by, m.column_encrypted].join(','));
      const managedBy = [m.managed_by_intune, m.managed_by_co_managed, m.managed_by_config_mgr];
      for (const line of lines.slice(1, 20)) {
        const cells = line.split(',');
        expect(managedBy).toContain(cells[1]);
        expect([m.yes, m.no]).toContain(cells[2]);
      }
    });

    test(`at 1366 px wide All devices' and Applications' default columns fit in ${tag}`, async ({ page, request }) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto('/devices/all');
      await signInAs(page, glossary);
      const grid = page.getByRole('table', { name: m.devices });
      await expect(grid.locator('tbody tr')).toHaveCount(50);
      const overflow = () => page.locator('.grid-scroll').evaluate((box) => box.scrollWidth - box.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expect(grid.getByRole('columnheader', { name: m.column_last_check_in })).toBeInViewport({ ratio: 1 });
      const device = await deviceWhere(request, CO_MANAGED_ONLINE, 3);
      await page.goto(`/devices/${device.id}/applications`);
      const apps = page.getByRole('table', { name: glossary.applications });
      await expect(apps.locator('tbody tr').first()).toBeVisible();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expect(apps.getByRole('columnheader', { name: m.app_column_type })).toBeInViewport({ ratio: 1 });
    });
  });
}

/** A new browser context whose languages are `locale`'s, signed in on `base`. */
async function signedInContext(browser: Browser, base: string, locale: string, glossary: (typeof LANGUAGES)[number]['glossary']) {
  const context = await browser.newContext({ locale, baseURL: base });
  const page = await context.newPage();
  await page.goto('/devices');
  await signInAs(page, glossary);
  return { context, page };
}

test('Language in the account menu switches at once, without a reload, and the next sign-in anywhere starts in it', async ({ browser, startTenant }) => {
  const base = await startTenant('intune');
  const english = { userName: 'User name', password: 'Password', signIn: 'Sign in' } as (typeof LANGUAGES)[number]['glossary'];
  const { context, page } = await signedInContext(browser, base, 'en-US', english);
  await expect(page.getByRole('heading', { level: 1, name: 'Devices | Overview' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // A mark the page keeps only while it is not loaded again.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const [nl, sv] = LANGUAGES;

  await page.getByRole('button', { name: /^Account/ }).click();
  const menu = page.getByRole('menu', { name: 'Account' });
  await expect(menu.getByRole('group', { name: 'Language' })).toBeVisible();
  await expect(menu.getByRole('menuitemradio')).toHaveText(['English', 'Nederlands', 'Svenska']);
  await expect(menu.getByRole('menuitemradio', { name: 'English' })).toHaveAttribute('aria-checked', 'true');
  const remembered = page.waitForResponse((response) => response.url().endsWith('/beta/me') && response.request().method() === 'PATCH');
  await menu.getByRole('menuitemradio', { name: 'Nederlands' }).click();
  expect((await remembered).status()).toBe(204);
  await expect(page.getByRole('heading', { level: 1, name: nl.m.devices_overview_title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('navigation', { name: nl.m.main_navigation }).getByRole('link', { name: nl.m.tenant_administration })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await page.getByRole('button', { name: new RegExp(`^${nl.m.account}`) }).click();
  const dutchMenu = page.getByRole('menu', { name: nl.m.account });
  await expect(dutchMenu.getByRole('group', { name: nl.glossary.language })).toBeVisible();
  await expect(dutchMenu.getByRole('menuitemradio', { name: 'Nederlands' })).toHaveAttribute('aria-checked', 'true');
  await dutchMenu.getByRole('menuitemradio', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1, name: sv.m.devices_overview_title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await context.close();

  // Another browser, whose languages are English: after sign-in the console is in Swedish.
  const other = await signedInContext(browser, base, 'en-US', english);
  await expect(other.page.getByRole('heading', { level: 1, name: sv.m.devices_overview_title })).toBeVisible();
  await expect(other.page.locator('html')).toHaveAttribute('lang', 'sv');
  await other.context.close();
});

test('a catalogue that cannot be fetched leaves the console in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  await page.route('**/i18n/nl.json*', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

test('only the catalogue in use is downloaded', async ({ browser }) => {
  for (const [locale, wanted, unwanted] of [['sv-SE', 'sv.json', 'nl.json'], ['en-US', null, 'json']] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const catalogues: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/i18n/')) catalogues.push(new URL(request.url()).pathname);
    });
    await page.goto('/signin');
    await expect(page.getByRole('textbox').first()).toBeVisible();
    expect(catalogues).toEqual(wanted ? [`/i18n/${wanted}`] : []);
    expect(catalogues.some((path) => path.endsWith(unwanted) && !path.endsWith(wanted ?? '-'))).toBe(false);
    await context.close();
  }
});
