import { Page, Request, expect, test } from '@playwright/test';
import * as fs from 'fs';
import { apiGet, formatCount, openSignedIn } from './helpers';

const LIST = '/beta/deviceManagement/managedDevices';
const DEFAULT_COLUMNS = ['Device name', 'Managed by', 'Ownership', 'Compliance', 'OS', 'OS version', 'Primary user UPN', 'Last check-in'];

const grid = (page: Page) => page.getByRole('table', { name: 'Devices' });
const summary = (page: Page) => page.locator('.pager-summary');
const firstDeviceName = (page: Page) => grid(page).locator('tbody tr').first().locator('td').nth(1);

async function apiCount(request: Parameters<typeof apiGet>[0], query: string): Promise<number> {
  const page = await apiGet(request, `${LIST}?$count=true&$top=1&${query}`);
  return page['@odata.count'];
}

/**
 * Fault injection: the requests `matching` are answered a second late. `settled` settles once the
 * first of them has finished or failed (e.g. was aborted).
 */
async function answerLate(page: Page, matching: (url: URL) => boolean): Promise<{ settled: Promise<unknown> }> {
  await page.route(matching, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue().catch(() => {});
  });
  const settled = (request: Request) => matching(new URL(request.url()));
  return { settled: Promise.race([page.waitForEvent('requestfinished', settled), page.waitForEvent('requestfailed', settled)]) };
}

async function openAllDevices(page: Page, query = '') {
  await openSignedIn(page, `/devices/all${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Devices | All devices' })).toBeVisible();
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
}

test('the grid shows the default columns and the first page', { tag: '@core' }, async ({ page }) => {
  await openAllDevices(page);
  const headers = grid(page).locator('thead th[scope="col"]');
  await expect(headers).toHaveText(['', ...DEFAULT_COLUMNS]);
  await expect(grid(page).locator('tbody tr')).toHaveCount(50);
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 2,000 records');
  for (const command of ['Refresh', 'Filter', 'Columns', 'Export', 'Bulk device actions']) {
    await expect(page.getByRole('toolbar', { name: 'Commands' }).getByRole('button', { name: command })).toBeVisible();
  }
});

test('search narrows the list as the admin types, and lives in the URL', { tag: '@core' }, async ({ page, request }) => {
  await openAllDevices(page);
  const expected = await apiCount(request, '$search=%22lt-00%22');
  await page.getByRole('searchbox', { name: 'Search' }).fill('lt-00');
  await expect(page).toHaveURL(/search=lt-00/);
  await expect(summary(page)).toContainText(`of ${formatCount(expected)} records`);
  await expect(firstDeviceName(page)).toContainText(/LT-00/i);
  await page.getByRole('searchbox', { name: 'Search' }).fill('no-such-device-anywhere');
  await expect(grid(page).getByText('No devices found')).toBeVisible();
});

const FILTERS: [string, string, string, string][] = [
  ['Managed by', 'ConfigMgr', "managementAgent eq 'configurationManagerClient'", 'managedBy=configMgr'],
  ['Ownership', 'Personal', "managedDeviceOwnerType eq 'personal'", 'ownership=personal'],
  ['Compliance', 'Not compliant', "complianceState eq 'noncompliant'", 'compliance=noncompliant'],
  ['OS', 'iOS', "operatingSystem eq 'iOS'", 'os=iOS'],
  ['Device state', 'Managed', "managementState eq 'managed'", 'deviceState=managed'],
];

for (const [filter, value, odata, urlPart] of FILTERS) {
  test(`the ${filter} filter shows only matching devices`, async ({ page, request }) => {
    await openAllDevices(page);
    const expected = await apiCount(request, `$filter=${encodeURIComponent(odata)}`);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const pane = page.getByRole('dialog', { name: 'Filter' });
    await pane.getByRole('group', { name: filter }).getByRole('checkbox', { name: value, exact: true }).check();
    await pane.getByRole('button', { name: 'Apply' }).click();
    await expect(pane).toBeHidden();
    await expect(page).toHaveURL(new RegExp(urlPart));
    await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('listitem')).toHaveText([`${filter}: ${value}`]);
    await expect(summary(page)).toContainText(`of ${formatCount(expected)} records`);
  });
}

test('filters combine, OR within one and AND across, and pills remove them', async ({ page, request }) => {
  await openAllDevices(page, '?managedBy=coManaged,intune&compliance=compliant');
  const both = await apiCount(request, `$filter=${encodeURIComponent("managementAgent in ('configurationManagerClientMdm','configurationManagerClientMdmEas','mdm') and complianceState eq 'compliant'")}`);
  await expect(summary(page)).toContainText(`of ${formatCount(both)} records`);
  const pills = page.getByRole('list', { name: 'Active filters' });
  await expect(pills.getByRole('listitem')).toHaveText(['Managed by: Co-managed', 'Managed by: Intune', 'Compliance: Compliant']);
  await pills.getByRole('button', { name: 'Remove filter Compliance: Compliant' }).click();
  const managedOnly = await apiCount(request, `$filter=${encodeURIComponent("managementAgent in ('configurationManagerClientMdm','configurationManagerClientMdmEas','mdm')")}`);
  await expect(summary(page)).toContainText(`of ${formatCount(managedOnly)} records`);
  await expect(page).toHaveURL('/devices/all?managedBy=coManaged%2Cintune');
  await pills.getByRole('button', { name: 'Remove filter Managed by: Co-managed' }).click();
  await pills.getByRole('button', { name: 'Remove filter Managed by: Intune' }).click();
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 2,000 records');
});

test('a slow answer for an older view never replaces the newer view', async ({ page }) => {
  await openAllDevices(page, '?managedBy=coManaged,intune');
  const slowAnswer = await answerLate(page, (url) => url.searchParams.get('$filter') === "managementAgent eq 'mdm'");
  const pills = page.getByRole('list', { name: 'Active filters' });
  await pills.getByRole('button', { name: 'Remove filter Managed by: Co-managed' }).click();
  await pills.getByRole('button', { name: 'Remove filter Managed by: Intune' }).click();
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 2,000 records');
  await slowAnswer.settled;
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 2,000 records');
});

test('headers sort both ways', async ({ page, request }) => {
  await openAllDevices(page);
  const header = grid(page).getByRole('columnheader', { name: 'Last check-in' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const oldest = await apiGet(request, `${LIST}?$top=1&$orderby=lastSyncDateTime`);
  await expect(firstDeviceName(page)).toHaveText(oldest.value[0].deviceName);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const newest = await apiGet(request, `${LIST}?$top=1&$orderby=lastSyncDateTime%20desc`);
  await expect(firstDeviceName(page)).toHaveText(newest.value[0].deviceName);
  await expect(page).toHaveURL(/orderBy=lastSyncDateTime\+desc/);
});

test('page size and paging', async ({ page }) => {
  await openAllDevices(page);
  await page.getByLabel('Page size').selectOption('25');
  await expect(summary(page)).toHaveText('Showing 1 to 25 of 2,000 records');
  await expect(grid(page).locator('tbody tr')).toHaveCount(25);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(summary(page)).toHaveText('Showing 26 to 50 of 2,000 records');
  await page.getByRole('button', { name: 'Last page' }).click();
  await expect(summary(page)).toHaveText('Showing 1,976 to 2,000 of 2,000 records');
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(summary(page)).toHaveText('Showing 1,951 to 1,975 of 2,000 records');
  await page.getByRole('button', { name: 'First page' }).click();
  await expect(summary(page)).toHaveText('Showing 1 to 25 of 2,000 records');
});

test('the column chooser adds and removes columns, remembered per user and in the URL', async ({ page }) => {
  await openAllDevices(page);
  await page.getByRole('button', { name: 'Columns' }).click();
  const pane = page.getByRole('dialog', { name: 'Columns' });
  await pane.getByRole('checkbox', { name: 'Serial number' }).check();
  await pane.getByRole('checkbox', { name: 'OS version' }).uncheck();
  await pane.getByRole('button', { name: 'Apply' }).click();
  const headers = grid(page).locator('thead th[scope="col"]');
  await expect(headers).toHaveText(['', 'Device name', 'Managed by', 'Ownership', 'Compliance', 'OS', 'Primary user UPN', 'Last check-in', 'Serial number']);
  await expect(page).toHaveURL(/columns=/);
  await page.goto('/devices/all');
  await expect(headers).toHaveText(['', 'Device name', 'Managed by', 'Ownership', 'Compliance', 'OS', 'Primary user UPN', 'Last check-in', 'Serial number']);
});

test('Export downloads exactly the current view', async ({ page, request }) => {
  await openAllDevices(page, '?os=Windows&orderBy=deviceName+desc&columns=deviceName%2CserialNumber%2ClastSyncDateTime');
  const expected = await apiCount(request, `$filter=${encodeURIComponent("operatingSystem eq 'Windows'")}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('Device name,Serial number,Last check-in');
  expect(lines.length - 1).toBe(expected);
  const first = await apiGet(request, `${LIST}?$top=1&$orderby=deviceName%20desc&$filter=${encodeURIComponent("operatingSystem eq 'Windows'")}`);
  expect(lines[1].startsWith(first.value[0].deviceName)).toBe(true);
});

test('reload and Back keep the view', async ({ page }) => {
  await openAllDevices(page, '?compliance=compliant&orderBy=osVersion+desc&page=2&pageSize=25');
  const name = await firstDeviceName(page).textContent();
  await page.reload();
  await expect(firstDeviceName(page)).toHaveText(name!);
  await expect(summary(page)).toContainText('Showing 26 to 50');
  await grid(page).getByRole('link', { name: name! }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name} | Overview` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Essentials' })).toContainText(name!);
  await page.goBack();
  await expect(page).toHaveURL('/devices/all?compliance=compliant&orderBy=osVersion+desc&page=2&pageSize=25');
  await expect(firstDeviceName(page)).toHaveText(name!);
});

test('select-all selects every row of the page', async ({ page }) => {
  await openAllDevices(page, '?pageSize=25');
  await page.getByRole('checkbox', { name: 'Select all devices on this page' }).check();
  await expect(grid(page).locator('tbody input[type="checkbox"]:checked')).toHaveCount(25);
  await page.getByRole('checkbox', { name: 'Select all devices on this page' }).uncheck();
  await expect(grid(page).locator('tbody input[type="checkbox"]:checked')).toHaveCount(0);
});

test('keyboard only: search, filter, sort, open a device', async ({ page }) => {
  await openAllDevices(page);
  await page.getByRole('searchbox', { name: 'Search' }).focus();
  await page.keyboard.type('contoso');
  await expect(page).toHaveURL(/search=contoso/);
  const filterButton = page.getByRole('button', { name: 'Filter', exact: true });
  await filterButton.focus();
  await page.keyboard.press('Enter');
  const pane = page.getByRole('dialog', { name: 'Filter' });
  await expect(pane).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(pane).toBeHidden();
  await expect(filterButton).toBeFocused();
  const sort = grid(page).getByRole('columnheader', { name: 'Device name' });
  await sort.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(sort).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Space');
  await expect(sort).toHaveAttribute('aria-sort', 'descending');
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
  const link = grid(page).locator('tbody a').first();
  const name = await link.textContent();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `${name} | Overview` })).toBeVisible();
});

test('Back from a device returns to the same scroll position', async ({ page }) => {
  await openAllDevices(page, '?pageSize=100');
  const link = grid(page).locator('tbody a').nth(80);
  await link.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(1000);
  const name = await link.textContent();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: `${name} | Overview` })).toBeVisible();
  await page.goBack();
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 50);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(scrolled + 50);
});

test("Back and Forward between two devices never show one device's page under the other's address", async ({ page }) => {
  await openAllDevices(page);
  const links = grid(page).locator('tbody a');
  const names = await links.allTextContents();
  const firstName = names[0];
  const secondName = names.find((name) => name !== firstName)!;
  const firstHref = (await links.nth(0).getAttribute('href'))!;
  const secondHref = (await links.nth(names.indexOf(secondName)).getAttribute('href'))!;
  await links.nth(0).click();
  await expect(page.getByRole('heading', { level: 1, name: `${firstName} | Overview` })).toBeVisible();
  // An in-app link to the second device, so the history is: All devices, first, second.
  await page.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    document.body.appendChild(link);
    link.click();
  }, secondHref);
  await expect(page.getByRole('heading', { level: 1, name: `${secondName} | Overview` })).toBeVisible();
  const firstDevice = `/beta/deviceManagement/managedDevices/${firstHref.split('/').pop()}`;
  const slowAnswer = await answerLate(page, (url) => url.pathname === firstDevice);
  await page.goBack();
  await page.goForward();
  await expect(page).toHaveURL(secondHref);
  await expect(page.getByRole('heading', { level: 1, name: `${secondName} | Overview` })).toBeVisible();
  await slowAnswer.settled;
  await expect(page.getByRole('heading', { level: 1, name: `${secondName} | Overview` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Essentials' })).toContainText(secondName);
});

test('at 1366 px wide the default columns fit without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openSignedIn(page, '/devices/all');
  await expect(grid(page).locator('tbody tr')).toHaveCount(50);
  const overflow = await page.locator('.grid-scroll').evaluate((box) => box.scrollWidth - box.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(grid(page).getByRole('columnheader', { name: 'Last check-in' })).toBeInViewport({ ratio: 1 });
});
