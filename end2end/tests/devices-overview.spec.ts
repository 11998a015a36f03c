import { expect, Locator, Page, test } from '@playwright/test';
import { apiGet, formatCount, openSignedIn } from './helpers';

const MANAGED_BY: Record<string, string> = {
  intune: 'Intune', coManaged: 'Co-managed', configMgr: 'ConfigMgr', eas: 'EAS', intuneEas: 'Intune/EAS', jamf: 'Jamf',
};
const COMPLIANCE: Record<string, string> = {
  compliant: 'Compliant', noncompliant: 'Not compliant', inGracePeriod: 'In grace period', unknown: 'Not evaluated',
  conflict: 'Conflict', error: 'Error', configManager: 'See ConfigMgr',
};

type Count = { value: string; count: number };

test('the overview counts equal the API counts', async ({ page, request }) => {
  const overview = await apiGet(request, '/beta/deviceManagement/managedDeviceOverview');
  expect(overview.enrolledDeviceCount).toBe(2000);
  await openSignedIn(page, '/devices');
  await expect(page.getByRole('heading', { level: 1, name: 'Devices | Overview' })).toBeVisible();
  await expect(page.locator('[data-count="total"]')).toHaveText(formatCount(overview.enrolledDeviceCount));

  const cards: [string, Count[], (value: string) => string][] = [
    ['Managed by', overview.managedByCounts, (value) => MANAGED_BY[value]],
    ['Compliance', overview.complianceStateCounts, (value) => COMPLIANCE[value]],
    ['Operating system', overview.operatingSystemCounts, (value) => value],
  ];
  for (const [title, counts, label] of cards) {
    const card = page.getByRole('region', { name: title });
    expect(counts.length).toBeGreaterThan(0);
    await expect(card.getByRole('link')).toHaveCount(counts.length);
    for (const { value, count } of counts) {
      await expect(card.getByRole('link', { name: `${label(value)}: ${formatCount(count)} devices` })).toHaveText(formatCount(count));
    }
  }
});

test('a count opens All devices filtered to it', async ({ page }) => {
  await openSignedIn(page, '/devices');
  await page.getByRole('region', { name: 'Managed by' }).getByRole('link', { name: /^Co-managed:/ }).click();
  await expect(page).toHaveURL('/devices/all?managedBy=coManaged');
  await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('listitem')).toHaveText(['Managed by: Co-managed']);
  await page.goBack();
  await page.getByRole('region', { name: 'Operating system' }).getByRole('link', { name: /^iOS:/ }).click();
  await expect(page).toHaveURL('/devices/all?os=iOS');
});

/** Clicks `shape` (an SVG path or rect) with the mouse at a point inside its fill: a ring
 * segment's middle may be the donut's hole. */
async function clickInside(page: Page, shape: Locator) {
  await shape.scrollIntoViewIfNeeded();
  const point = await shape.evaluate((element: SVGGeometryElement) => {
    const box = element.getBBox();
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 20; j++) {
        const inside = new DOMPoint(box.x + (box.width * i) / 20, box.y + (box.height * j) / 20);
        if (!element.isPointInFill(inside)) continue;
        const screen = inside.matrixTransform(element.getScreenCTM()!);
        return { x: screen.x, y: screen.y };
      }
    }
    throw new Error('no point inside the shape');
  });
  await page.mouse.click(point.x, point.y);
}

test('compliance is a donut and the rest are bars, each an image with its title, description and table', async ({ page }) => {
  await openSignedIn(page, '/devices');
  const charts: [string, string][] = [
    ['Compliance', 'Donut chart'],
    ['Managed by', 'Bar chart'],
    ['Operating system', 'Bar chart'],
    ['Device state', 'Bar chart'],
  ];
  for (const [title, kind] of charts) {
    const card = page.getByRole('region', { name: title });
    const image = card.getByRole('img', { name: title });
    await expect(image).toBeVisible();
    await expect(image).toHaveAccessibleDescription(new RegExp(`^${kind} of 2,000 devices: .+ \\(\\d+ %\\)\\.$`));
    // The numbers as a table, each a link; the slices and bars are links for the pointer only.
    await expect(card.getByRole('table').getByRole('link').first()).toBeVisible();
    await expect(card.locator('.chart-targets a').first()).toHaveAttribute('tabindex', '-1');
  }
  await expect(page.getByRole('img', { name: 'Managed by' })).toHaveAccessibleDescription(/Co-managed \d[\d,]* \(\d+ %\)/);
});

test('a slice or a bar opens All devices filtered to it', async ({ page }) => {
  await openSignedIn(page, '/devices');
  await clickInside(page, page.locator('.chart-targets a[href="/devices/all?compliance=noncompliant"] path'));
  await expect(page).toHaveURL('/devices/all?compliance=noncompliant');
  await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('listitem')).toHaveText(['Compliance: Not compliant']);
  await page.goBack();
  await clickInside(page, page.locator('.chart-targets a[href="/devices/all?managedBy=coManaged"] rect'));
  await expect(page).toHaveURL('/devices/all?managedBy=coManaged');
  await page.goBack();
  await clickInside(page, page.locator('.chart-targets a[href="/devices/all?os=iOS"] rect'));
  await expect(page).toHaveURL('/devices/all?os=iOS');
});

test('Tenant administration shows the tenant and its MDM authority', async ({ page }) => {
  await openSignedIn(page, '/tenant-admin', 'reader@contoso.com');
  await expect(page.getByRole('heading', { level: 1, name: 'Tenant administration | Tenant status' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Contoso' })).toBeVisible();
  await expect(page.locator('dt:has-text("MDM authority") + dd')).toHaveText('Intune');
});

test('the administrator reads the audit log on Tenant status; other roles do not see it', async ({ page }) => {
  await openSignedIn(page, '/tenant-admin', 'admin@contoso.com');
  // Other tests run at the same time: find this sign-in among the latest entries.
  const signIns = page
    .getByRole('table', { name: 'Audit log' })
    .getByRole('row')
    .filter({ hasText: 'Sign in' })
    .filter({ hasText: 'admin@contoso.com' })
    .filter({ hasText: 'Success' })
    .filter({ hasText: '127.0.0.1' });
  await expect(signIns.first()).toBeVisible();
  await page.getByRole('button', { name: 'Account: admin@contoso.com' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await openSignedIn(page, '/tenant-admin', 'helpdesk@contoso.com');
  await expect(page.getByRole('heading', { level: 2, name: 'MDM authority changes' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toHaveCount(0);
});

test('a failed fetch shows the error with Retry, and Retry recovers', async ({ page }) => {
  await openSignedIn(page, '/');
  let failures = 1;
  await page.route('**/beta/deviceManagement/managedDeviceOverview', async (route) => {
    if (failures-- > 0) {
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internalServerError', message: 'An internal server error occurred.' } }),
      });
    } else {
      await route.continue();
    }
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
  // The console's own message for the error's code, in the user's language (issue 19).
  await expect(page.getByRole('alert')).toContainText('Something went wrong (HTTP 500). Try again.');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('[data-count="total"]')).toHaveText('2,000');
});
