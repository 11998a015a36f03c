import { defineConfig } from '@playwright/test';

// The server under test: the debug build serving ../dist with a throw-away in-memory tenant.
export const PORT = 3100;
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable from these machines.
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: '../target/debug/endpoint-admin-server',
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      EA_LISTEN: `127.0.0.1:${PORT}`,
      EA_DATABASE: 'sqlite::memory:',
      EA_DIST: '../dist',
      EA_DEMO_DEVICES: '2000',
      EA_PIPELINE_DELAY_MS: '50',
    },
  },
});
