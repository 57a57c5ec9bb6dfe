import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCounter } from './file-counter';

let root: string;
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Sets a folder's times back, as if it had last changed long ago. */
const settle = (folder: string) => utimes(folder, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

describe('fileCounter', () => {
  it('counts the files in every folder below the root, and none for a root not made yet', async () => {
    root = await mkdtemp(join(tmpdir(), 'xizmat-count-'));
    const missing = fileCounter(join(root, 'later'));
    expect(missing()).toBe(0);
    await mkdir(join(root, 'partial', 'phone'), { recursive: true });
    await Promise.all([writeFile(join(root, 'a'), ''), writeFile(join(root, 'partial', 'phone', 'b'), ''), writeFile(join(root, 'partial', 'phone', 'b.json'), '')]);
    expect(fileCounter(root)()).toBe(3);
  });

  it('sees a file added to a folder it listed before, also within the same tick of the folder\'s clock', async () => {
    root = await mkdtemp(join(tmpdir(), 'xizmat-count-'));
    const phone = join(root, 'partial', 'phone');
    await mkdir(phone, { recursive: true });
    await writeFile(join(phone, 'b'), '');
    await Promise.all([settle(root), settle(join(root, 'partial')), settle(phone)]);
    const count = fileCounter(root);
    expect(count()).toBe(1);
    // Two files added within one tick of the clock file times come from: the folder's time is the same after both.
    const tick = new Date();
    await writeFile(join(phone, 'c'), '');
    await utimes(phone, tick, tick);
    expect(count()).toBe(2);
    await writeFile(join(phone, 'd'), '');
    await utimes(phone, tick, tick);
    expect(count()).toBe(3);
    await rm(join(phone, 'b'));
    expect(count()).toBe(2);
  });
});
