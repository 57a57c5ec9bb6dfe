import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The end-to-end tests, and the one file of theirs allowed to go offline. */
const E2E = join('test', 'e2e');
const THE_HELPER = join(E2E, 'support', 'network.ts');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the end-to-end tests', () => {
  // Chromium's offline emulation does not stop a service worker's requests: a test that goes
  // "offline" with it alone can see delivered an application it claims was kept on the phone.
  // (The chaos suite cuts its own proxy; a page-only CDP emulation says so where it is used.)
  it('go offline only through the helper that cuts the service worker too', () => {
    const offenders = files(E2E)
      .filter((file) => file !== THE_HELPER)
      .filter((file) => /setOffline\(\s*true|launchBrowser\([^)]*offline/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
