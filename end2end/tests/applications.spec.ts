import * as fs from 'fs';
import { Page, expect as baseExpect } from '@playwright/test';
import { INTUNE_WINDOWS, ONLINE_CONFIGMGR, apiGet, apiPost, deviceWhere, formatCount, openSignedIn } from './helpers';
import { expect, test } from './tenant-server';

const DEVICES = '/beta/deviceManagement/managedDevices';
const STATUSES = [
  'Available', 'Installed', 'Installing', 'Install requested', 'Failed', 'Requirements not met', 'Not installed', 'Restart pending', 'Required',
];
const STATE_OF: Record<string, string> = {
  available: 'Available', installed: 'Installed', installing: 'Installing', installRequested: 'Install requested', failed: 'Failed',
  requirementsNotMet: 'Requirements not met', notInstalled: 'Not installed', restartPending: 'Restart pending', required: 'Required',
};

type Action = { name: string; allowed: boolean; reason?: string };
type App = { id: string; name: string; installState: string; deploymentIntent: string; errorCode: number; actions: Action[] };

const grid = (page: Page) => page.getByRole('table', { name: 'Applications' });
const statusFilter = (page: Page) => page.getByRole('group', { name: 'Status' });

/** An online ConfigMgr device of this spec (`skip` keeps parallel tests apart) and its applications from the API. */
async function deviceWithApps(request: Parameters<typeof apiGet>[0], skip: number) {
  const device = await deviceWhere(request, ONLINE_CONFIGMGR, 40 + skip);
  // Online now, whatever the demo's churn decided meanwhile.
  expect((await apiPost(request, `${DEVICES}/${device.id}/simulateCheckIn`)).status()).toBeLessThan(300);
  const list = await apiGet(request, `${DEVICES}/${device.id}/applications?$count=true&$top=100`);
  return { device, apps: list.value as App[], counts: list.installStateCounts as Record<string, number>, count: list['@odata.count'] as number };
}

async function openApps(page: Page, id: string, upn = 'admin@contoso.com', query = '') {
  await openSignedIn(page, `/devices/${id}/applications${query}`, upn);
  await baseExpect(grid(page).locator('tbody tr').first()).toBeVisible();
}

test('the grid, and the Status filter with all nine labels and their counts', async ({ page, request }) => {
  const { device, counts, count } = await deviceWithApps(request, 0);
  await openApps(page, device.id);
  await expect(page.getByRole('heading', { level: 1, name: `${device.deviceName} | Applications` })).toBeVisible();
  await expect(grid(page).getByRole('columnheader')).toHaveText(['Name', 'Publisher', 'Version', 'Status', 'Deployment', 'Targeted to', 'Type']);
  await expect(grid(page).locator('tbody tr')).toHaveCount(Math.min(count, 50));
  const boxes = statusFilter(page).getByRole('checkbox');
  await expect(boxes).toHaveCount(9);
  for (const [wire, label] of Object.entries(STATE_OF)) {
    await expect(statusFilter(page).getByRole('checkbox', { name: `${label} (${formatCount(counts[wire])})`, exact: true })).toBeVisible();
  }
  expect(Object.values(STATE_OF)).toEqual(STATUSES);

  // Filter on the most common state: only its rows, a pill, the view in the URL, kept by a reload.
  const [wire, most] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  const label = STATE_OF[wire];
  await statusFilter(page).getByRole('checkbox', { name: `${label} (`, exact: false }).first().check();
  await expect(page).toHaveURL(new RegExp(`status=${wire}`));
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Status: ${label}`);
  await expect(grid(page).locator('tbody tr')).toHaveCount(Math.min(most, 50));
  for (const cell of await grid(page).locator('tbody tr td:nth-child(4)').allTextContents()) expect(cell).toBe(label);
  await page.reload();
  await expect(grid(page).locator('tbody tr')).toHaveCount(Math.min(most, 50));
  await page.getByRole('button', { name: `Remove filter Status: ${label}` }).click();
  await expect(grid(page).locator('tbody tr')).toHaveCount(Math.min(count, 50));
});

test('search, sort and export of every row of the view', async ({ page, request }) => {
  const { device, apps } = await deviceWithApps(request, 1);
  await openApps(page, device.id);
  const name = page.getByRole('columnheader', { name: 'Name' });
  await name.getByRole('button').click();
  await expect(name).toHaveAttribute('aria-sort', 'ascending');
  const shown = await grid(page).locator('tbody tr td:first-child').allTextContents();
  // Case-blind, as SQLite's NOCASE folds ASCII: `pgAdmin 4` among the Ps.
  const folded = (text: string) => text.toLowerCase();
  expect(shown).toEqual([...shown].sort((a, b) => (folded(a) < folded(b) ? -1 : folded(a) > folded(b) ? 1 : 0)));
  await name.getByRole('button').click();
  await expect(name).toHaveAttribute('aria-sort', 'descending');

  const term = apps[0].name.slice(0, 4);
  const matching = apps.filter((app) => app.name.toLowerCase().includes(term.toLowerCase()) || (app as any).publisher.toLowerCase().includes(term.toLowerCase()));
  await page.getByRole('searchbox', { name: 'Search' }).fill(term);
  await expect(page).toHaveURL(/search=/);
  await expect(grid(page).locator('tbody tr')).toHaveCount(matching.length);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  expect(download.suggestedFilename()).toBe('applications.csv');
  const lines = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('Name,Publisher,Version,Status,Deployment,Targeted to,Type');
  expect(lines.length - 1).toBe(matching.length);
});

test('the details pane: deployment, deadline, error meaning, and each action disabled with its reason', async ({ page, request }) => {
  const { device, apps } = await deviceWithApps(request, 2);
  const required = apps.find((app) => app.deploymentIntent === 'required');
  const app = required ?? apps[0];
  await openApps(page, device.id, 'admin@contoso.com', `?search=${encodeURIComponent(app.name)}`);
  await grid(page).getByRole('link', { name: app.name, exact: true }).click();
  await expect(page).toHaveURL(/app=/);
  const pane = page.getByRole('dialog', { name: app.name });
  await expect(pane).toBeVisible();
  await expect(pane).toContainText(STATE_OF[app.installState]);
  if (required) await expect(pane.getByText('Deadline', { exact: true })).toBeVisible();
  const actions = pane.getByRole('toolbar', { name: 'Application actions' });
  for (const [label, wire] of [['Install', 'install'], ['Reinstall', 'reinstall'], ['Re-evaluate', 'reevaluate'], ['Uninstall', 'uninstall'], ['Repair', 'repair']]) {
    const button = actions.getByRole('button', { name: label, exact: true });
    const action = app.actions.find((a) => a.name === wire)!;
    if (action.allowed) {
      await expect(button).toBeEnabled();
    } else {
      await expect(button).toBeDisabled();
      await expect(button).toHaveAccessibleDescription(`${label}: ${action.reason}`);
    }
  }
  await page.keyboard.press('Escape');
  await expect(pane).toBeHidden();
  await expect(page).not.toHaveURL(/app=/);
});

test('Install: the row and the pane follow the state live, and a notification says how it ended', async ({ page, request }) => {
  test.setTimeout(60_000);
  let found: { device: { id: string; deviceName: string }; app: App } | undefined;
  for (let skip = 3; skip < 12 && !found; skip++) {
    const { device, apps } = await deviceWithApps(request, skip);
    const app = apps.find((a) => a.actions.some((action) => action.name === 'install' && action.allowed));
    if (app) found = { device, app };
  }
  expect(found, 'a device with an application to install').toBeTruthy();
  const { device, app } = found!;
  await openApps(page, device.id, 'admin@contoso.com', `?search=${encodeURIComponent(app.name)}`);
  await grid(page).getByRole('link', { name: app.name, exact: true }).click();
  const pane = page.getByRole('dialog', { name: app.name });
  await pane.getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Install ${app.name} was sent to the Configuration Manager site for ${device.deviceName}.` })).toBeVisible();
  const ended = page.getByRole('status').filter({ hasText: new RegExp(`^Install ${app.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} on ${device.deviceName}: (Installed|Failed|Requirements not met)`) });
  await expect(ended).toBeVisible();
  // The notification goes after a few seconds: the outcome is read from the API, which must agree.
  const after = (await apiGet(request, `${DEVICES}/${device.id}/applications?$filter=${encodeURIComponent(`id eq '${app.id}'`)}`)).value[0] as App;
  const outcome = STATE_OF[after.installState];
  expect(['Installed', 'Failed', 'Requirements not met']).toContain(outcome);
  const row = grid(page).locator('tbody tr').filter({ has: page.getByRole('link', { name: app.name, exact: true }) });
  await expect(row.locator('td').nth(3)).toHaveText(outcome);
  await expect(pane).toContainText(`Install: Completed`);
  // Its way through the site to the client, in the logs of both.
  await pane.getByRole('button', { name: 'Show log' }).click();
  await expect(pane.getByRole('region', { name: /BgbServer\.log/ })).toBeVisible();
  await expect(pane.getByRole('region', { name: /AppEnforce\.log/ })).toBeVisible();
});

test('read-only: the actions are disabled with the role as the reason', async ({ page, request }) => {
  const { device, apps } = await deviceWithApps(request, 12);
  await openApps(page, device.id, 'reader@contoso.com', `?search=${encodeURIComponent(apps[0].name)}`);
  await grid(page).getByRole('link', { name: apps[0].name, exact: true }).click();
  const install = page.getByRole('dialog', { name: apps[0].name }).getByRole('button', { name: 'Install', exact: true });
  await expect(install).toBeDisabled();
  await expect(install).toHaveAccessibleDescription('Install: The Read Only Operator role does not allow application actions.');
});

test("cloudadmin@ sees the site's refusal with its explanation, not an empty list", async ({ page, request }) => {
  const { device } = await deviceWithApps(request, 13);
  await openSignedIn(page, `/devices/${device.id}/applications`, 'cloudadmin@contoso.com');
  const alert = page.getByRole('alert').filter({ hasText: "The Configuration Manager site refused to list this device's applications." });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Azure AD user discovery and Active Directory user discovery');
  await expect(page.getByText('No applications found')).toHaveCount(0);
});

test('an Intune-only device has no Applications page, and its page says why', async ({ page, request }) => {
  const device = await deviceWhere(request, INTUNE_WINDOWS, 7);
  await openSignedIn(page, `/devices/${device.id}/applications`);
  await expect(page.getByRole('region', { name: 'Applications' })).toContainText(`${device.deviceName} is managed by Intune.`);
  await expect(page.getByRole('table', { name: 'Applications' })).toHaveCount(0);
});

test('at 1366 px wide the default columns fit, and a click anywhere on a row opens its details', async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { device, apps } = await deviceWithApps(request, 3);
  await openApps(page, device.id);
  const overflow = await page.locator('.grid-scroll').evaluate((box) => box.scrollWidth - box.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(grid(page).getByRole('columnheader', { name: 'Type' })).toBeInViewport({ ratio: 1 });
  const app = apps[0];
  const row = grid(page).locator('tbody tr').filter({ has: page.getByRole('link', { name: app.name, exact: true }) });
  // Its Publisher cell, not its name.
  await row.locator('td').nth(1).click();
  await expect(page).toHaveURL(/app=/);
  await expect(page.getByRole('dialog', { name: app.name })).toBeVisible();
});
