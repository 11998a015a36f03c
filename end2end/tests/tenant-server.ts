import { test as base } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as net from 'net';

/** A fresh server of its own for a test that changes the tenant, so tests never share state. */
export type StartTenant = (mdmAuthority: 'unknown' | 'intune' | 'office365', options?: { devices?: number }) => Promise<string>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not become healthy');
}

export const test = base.extend<{ startTenant: StartTenant }>({
  startTenant: async ({}, use) => {
    const children: ChildProcess[] = [];
    await use(async (mdmAuthority, options) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const child = spawn('../target/debug/endpoint-admin-server', [], {
        env: {
          ...process.env,
          EA_LISTEN: `127.0.0.1:${port}`,
          EA_DATABASE: 'sqlite::memory:',
          EA_DIST: '../dist',
          EA_DEMO_DEVICES: String(options?.devices ?? 60),
          EA_MDM_AUTHORITY: mdmAuthority,
          EA_PIPELINE_DELAY_MS: '50',
        },
        stdio: 'ignore',
      });
      children.push(child);
      await waitForHealth(url, child);
      return url;
    });
    for (const child of children) child.kill('SIGTERM');
  },
});

export { expect } from '@playwright/test';
