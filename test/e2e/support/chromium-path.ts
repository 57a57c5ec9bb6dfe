import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Which Chromium to drive: an explicit CHROMIUM_PATH, else Playwright's own browser where one is
 * installed (a laptop with internet), else Debian's (docs/toolchain.md: no test tool can download a
 * browser on these machines).
 */
export function chromiumPath(): string {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return explicit;
  try {
    const bundled = chromium.executablePath();
    if (existsSync(bundled)) return bundled;
  } catch { /* no bundled browser */ }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  throw new Error('No Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH');
}
