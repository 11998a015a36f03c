import { Page, expect, test } from '@playwright/test';
import { ONLINE_CONFIGMGR, deviceWhere, openSignedIn } from './helpers';

// Text from the database is shown as text: a name carrying markup or a script is shown as those
// characters, never as an element, and never runs. The API's answers are rewritten in flight to
// carry such names (the demo tenant has none), in every field a person reads.
const PAYLOAD = `<img src=x data-xss onerror="window.__xss=1"><script data-xss>window.__xss=2</script>`;
const DEVICE = `PC${PAYLOAD}`;
const USER = `user${PAYLOAD}@contoso.com`;
const PERSON = `Mallory ${PAYLOAD}`;
const APP = `App ${PAYLOAD}`;

type Json = Record<string, unknown>;

function makeHostile(item: Json) {
  if ('deviceName' in item) {
    item.deviceName = DEVICE;
    item.managedDeviceName = DEVICE;
    item.userPrincipalName = USER;
    item.userDisplayName = PERSON;
    item.emailAddress = USER;
  }
  if ('installState' in item) item.name = APP;
}

/** Rewrites every JSON answer about devices and their applications to carry the payloads. */
async function serveHostileNames(page: Page) {
  await page.route('**/beta/deviceManagement/managedDevices**', async (route) => {
    const response = await route.fetch();
    if (!(response.headers()['content-type'] ?? '').startsWith('application/json') || !response.ok()) {
      return route.fulfill({ response });
    }
    const body = (await response.json()) as Json;
    if (Array.isArray(body.value)) (body.value as Json[]).forEach(makeHostile);
    else makeHostile(body);
    return route.fulfill({ response, json: body });
  });
}

/** Nothing the payloads carry became an element, and nothing ran. */
async function expectInert(page: Page) {
  await expect(page.locator('[data-xss]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
}

test('names carrying markup and script are inert text in grids, panes, dialogs and notifications', async ({ page, request }) => {
  const device = await deviceWhere(request, ONLINE_CONFIGMGR, 7);
  await serveHostileNames(page);

  // The All devices grid.
  await openSignedIn(page, '/devices/all');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid).toHaveAttribute('aria-busy', 'false');
  await expect(grid.getByRole('link', { name: DEVICE }).first()).toBeVisible();
  await expect(grid.getByText(USER, { exact: true }).first()).toBeVisible();
  await expectInert(page);

  // The device's page: its heading, the Essentials pane, a confirmation and its notification.
  await page.goto(`/devices/${device.id}`);
  await expect(page.getByRole('heading', { level: 1, name: DEVICE })).toBeVisible();
  const essentials = page.getByRole('region', { name: 'Essentials' });
  await expect(essentials).toContainText(`Primary user${USER}`);
  await expectInert(page);
  const action = 'Sync machine policy';
  await page.getByRole('toolbar', { name: 'Device actions' }).getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await expect(dialog).toContainText(`Are you sure you want to run ${action} on ${DEVICE}?`);
  await expectInert(page);
  await dialog.getByRole('button', { name: 'Yes' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${action} was sent to the Configuration Manager site for ${DEVICE}.` }),
  ).toBeVisible();
  await expectInert(page);

  // The device's Applications grid.
  await page.goto(`/devices/${device.id}/applications`);
  const applications = page.getByRole('table', { name: 'Applications' });
  await expect(applications.getByText(APP, { exact: true }).first()).toBeVisible();
  await expectInert(page);
});
