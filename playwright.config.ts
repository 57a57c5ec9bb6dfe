import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumPath } from './test/e2e/support/chromium-path';

/** The back office's password in tests (it stands in for the agency that moves applications); the server takes 32+ characters. */
export const E2E_ADMIN_TOKEN = 'e2e-back-office-token-0123456789abcdef';
// The real server on its own port and a fresh database for each run; workers inherit both.
process.env.XIZMAT_E2E_PORT ??= '8181';
process.env.XIZMAT_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'xizmat-e2e-'));
const port = Number(process.env.XIZMAT_E2E_PORT);

export default defineConfig({
  testDir: 'test',
  // e2e: what a person does; chaos: real faults, counted (CHAOS_SOAK=1 for the long run).
  testMatch: ['e2e/**/*.spec.ts', 'chaos/**/*.spec.ts'],
  // Tests share one server and one database, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: chromiumPath(), args: ['--disable-gpu', '--disable-quic'] },
    serviceWorkers: 'allow',
  },
  webServer: {
    command: 'node --import tsx server/main.ts',
    url: `http://127.0.0.1:${port}/api/v1/catalogue`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Test-mode fault hooks are on (they need NODE_ENV=test): they do nothing until a chaos test queues a fault.
    env: {
      PORT: String(port), HOST: '127.0.0.1', DATA_DIR: process.env.XIZMAT_E2E_DATA, DIST_DIR: process.env.XIZMAT_DIST ?? 'dist',
      XIZMAT_TEST_FAULTS: '1', NODE_ENV: 'test', LOG_LEVEL: 'warn', XIZMAT_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    },
  },
});
