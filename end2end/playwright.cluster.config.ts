import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The core journeys (tests tagged @core) once more, against the scale-out setup: two servers on
// one throw-away PostgreSQL database, HAProxy in front (scripts/run-cluster, with the debug build).
const PORT = 3200;
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  ...base,
  grep: /@core/,
  use: { ...base.use, baseURL: BASE_URL },
  webServer: {
    command: '../scripts/run-cluster',
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    // Ctrl-C, as an admin stops it: the script stops HAProxy, the servers and PostgreSQL.
    gracefulShutdown: { signal: 'SIGINT', timeout: 10_000 },
    env: {
      EA_CLUSTER_PORT: String(PORT),
      EA_CLUSTER_POSTGRES_PORT: '5438',
      EA_CLUSTER_SERVER: 'target/debug/endpoint-admin-server',
      EA_DEMO_DEVICES: '2000',
      EA_PIPELINE_DELAY_MS: '50',
    },
  },
});
