import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/** Benchmarks that drive the real app in Chromium: the e2e set-up, their own folder, long limits. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: ['*.bench.ts'],
  timeout: 60 * 60_000,
  expect: { timeout: 60_000 },
  // A click or fill that cannot happen fails with the reason instead of waiting out the hour.
  use: { ...base.use, actionTimeout: 60_000, screenshot: 'only-on-failure' },
  // The server starts from the project root, as in the main config.
  webServer: { ...(base.webServer as object), cwd: '..' } as typeof base.webServer,
});
