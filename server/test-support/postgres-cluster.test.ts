import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresBinDir } from './postgres-cluster';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function fakeRoot(...versions: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'xizmat-pg-root-'));
  dirs.push(root);
  for (const version of versions) {
    await mkdir(join(root, version, 'bin'), { recursive: true });
    await writeFile(join(root, version, 'bin', 'initdb'), '');
  }
  return root;
}

describe('postgresBinDir', () => {
  it('takes the newest major version installed', async () => {
    const root = await fakeRoot('9', '15', '13');
    expect(postgresBinDir({}, root)).toBe(join(root, '15', 'bin'));
  });

  it('fails, saying what to install, when there is no PostgreSQL', async () => {
    const root = await fakeRoot();
    expect(() => postgresBinDir({}, root)).toThrow(/PostgreSQL is not installed[\s\S]*apt-get install -y postgresql/);
  });

  it('refuses an XIZMAT_PG_BIN without initdb', async () => {
    const root = await fakeRoot();
    expect(() => postgresBinDir({ XIZMAT_PG_BIN: root }, root)).toThrow(/holds no initdb/);
  });
});
