import { Page, Request, Route } from '@playwright/test';
import { formatCount, openSignedIn, signIn } from './helpers';
import { expect, test } from './tenant-server';

/**
 * Rows never wait for an exact count: All devices asks for its rows, a bounded count
 * (`$count?atMost=…`) and, only when that says more match, Graph's exact `$count`, apart.
 */

const isCount = (url: URL) => url.pathname.endsWith('/beta/deviceManagement/managedDevices/$count');

/**
 * Makes every view "large": the bounded count's cap becomes `cap`, so a view of a few hundred
 * devices reads *100+* as a million-device tenant reads *10,000+*; and the exact `$count` is held
 * until `release()`. `exact` resolves to the exact number the server answered.
 */
async function holdExactCount(page: Page, cap: number) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let answered!: (count: number) => void;
  const exact = new Promise<number>((resolve) => (answered = resolve));
  const asked: Request[] = [];
  await page.route(isCount, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.has('atMost')) {
      url.searchParams.set('atMost', String(cap));
      await route.continue({ url: url.toString() });
      return;
    }
    asked.push(route.request());
    try {
      const response = await route.fetch();
      answered(Number(await response.text()));
      await released;
      await route.fulfill({ response });
    } catch {
      // The page dropped this request while it was held: a new view aborted it, or the test
      // ended with a later count (the grid's refresh after a bulk action) still on its way.
      // A count the test waits for and never gets fails the test by its timeout instead.
    }
  });
  return { release, exact, asked };
}

const grid = (page: Page) => page.getByRole('table', { name: 'Devices' });
const summary = (page: Page) => page.locator('.pager-summary');

test('rows and the bounded count show before the exact count, which then refines the pager', async ({ page }) => {
  const held = await holdExactCount(page, 100);
  // A 2-character search: neither the counts table nor the trigram index can count it at once.
  await openSignedIn(page, '/devices/all?search=co');
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
  await expect(grid(page).locator('tbody tr')).toHaveCount(50);
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 100+ records');
  await expect(page.locator('.pager-position')).toHaveText('Page 1 of 3+');
  await expect(page.getByRole('button', { name: 'Last page' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Next' })).toBeEnabled();
  // The exact count was asked, and is still on its way.
  await expect.poll(() => held.asked.length).toBe(1);
  await expect(summary(page)).toHaveAttribute('aria-busy', 'true');
  const exact = await held.exact;
  expect(exact).toBeGreaterThan(100);
  held.release();
  await expect(summary(page)).toHaveText(`Showing 1 to 50 of ${formatCount(exact)} records`);
  await expect(summary(page)).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('button', { name: 'Last page' })).toBeEnabled();

  // Another page of the same view counts nothing again.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(summary(page)).toHaveText(`Showing 51 to 100 of ${formatCount(exact)} records`);
  expect(held.asked.length).toBe(1);
});

test('a view the counts table counts shows its exact count at once, without asking the exact $count', async ({ page }) => {
  const held = await holdExactCount(page, 100);
  await openSignedIn(page, '/devices/all');
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 2,000 records');
  await expect(summary(page)).toHaveAttribute('aria-busy', 'false');
  expect(held.asked.length).toBe(0);
});

test("a new view never shows the previous view's count", async ({ page }) => {
  const held = await holdExactCount(page, 100);
  await openSignedIn(page, '/devices/all?search=co');
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 100+ records');
  // The held exact count of "co" is aborted by the new view, and never shows.
  await page.getByRole('searchbox', { name: 'Search' }).fill('no-such-device-anywhere');
  await expect(grid(page).getByText('No devices found')).toBeVisible();
  await expect(summary(page)).toHaveText('Showing 0 records');
  held.release();
  await page.waitForTimeout(300);
  await expect(summary(page)).toHaveText('Showing 0 records');
});

test('a bulk action on all matching devices waits for the exact count and sends it', async ({ page, startTenant }) => {
  const base = await startTenant('intune', { devices: 300 });
  const held = await holdExactCount(page, 100);
  await page.goto(`${base}/devices/all?search=co`);
  await signIn(page, 'admin@contoso.com');
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
  await expect(summary(page)).toHaveText('Showing 1 to 50 of 100+ records');
  await page.getByRole('toolbar', { name: 'Commands' }).getByRole('button', { name: 'Bulk device actions' }).click();
  const pane = page.getByRole('dialog', { name: 'Bulk device actions' });
  await pane.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Sync' });
  await pane.getByRole('radio', { name: 'All 100+ devices that match the current search and filters' }).check();
  await pane.getByRole('button', { name: 'Review' }).click();
  await expect(pane.getByRole('status')).toHaveText('Counting the matching devices…');
  await expect(pane.getByRole('button', { name: 'Yes' })).toBeDisabled();

  const exact = await held.exact;
  held.release();
  await expect(pane).toContainText(`Run Sync on all ${formatCount(exact)} devices that match the current search and filters?`);
  const sent = page.waitForRequest((request) => request.url().endsWith('/managedDevices/executeAction'));
  await pane.getByRole('button', { name: 'Yes' }).click();
  const body = (await sent).postDataJSON();
  expect(body).toMatchObject({ actionName: 'syncDevice', search: 'co', expectedCount: exact });
  await expect(pane.getByRole('status')).toContainText('Sync:');
});
