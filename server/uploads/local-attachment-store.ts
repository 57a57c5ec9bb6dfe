import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import type { AttachmentStore, UnfinishedUploads } from './attachment-store';

/** WARNING: frozen while uploads are in flight. Unfinished uploads live in `<directory>/partial/<device hash>/<sha256>`. */
const UNFINISHED_DIR = 'partial';

/** What @tus/file-store keeps beside an upload's bytes, as far as we read it. */
interface UploadConfig {
  id?: string;
  size?: number;
  creation_date?: string;
  metadata?: Record<string, unknown>;
}

/**
 * The default store: a local directory (or one mounted by every instance). @tus/file-store keeps
 * all of an upload's state on disk, the bytes in `<id>` and the length and metadata in
 * `<id>.json`, and reads the offset from the file's size on every request, so instances
 * sharing the directory resume each other's uploads (upload-across-instances.test.ts).
 * Finished files sit at the top, named by their SHA-256; unfinished ones in a folder per phone.
 */
export function localAttachmentStore(directory: string): AttachmentStore {
  const file = (id: string) => join(directory, id);
  const readConfig = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as UploadConfig;
  const remove = async (id: string) => {
    await Promise.all([rm(file(id), { force: true }), rm(`${file(id)}.json`, { force: true })]);
  };
  return {
    datastore: new FileStore({ directory }),
    unfinishedId: (owner, sha256) => `${UNFINISHED_DIR}/${owner}/${sha256}`,
    has: (id) => stat(file(id)).then(() => true, () => false),
    sha256: (id) => new Promise((resolve, reject) => {
      const hash = createHash('sha256');
      createReadStream(file(id)).on('data', (chunk) => hash.update(chunk)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
    }),
    head: async (id, bytes) => {
      const handle = await open(file(id), 'r');
      try {
        const buffer = new Uint8Array(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    read: (id) => readFile(file(id)),
    replace: async (id, bytes) => {
      // Each file is written beside and renamed into place, so an instance reading at the same time
      // sees the whole sealed upload or the whole opened file. The length first: a HEAD in between
      // finds the file complete rather than inviting a PATCH into it.
      const config = await readConfig(`${file(id)}.json`);
      const { sealed: _sealed, ...metadata } = config.metadata ?? {};
      await replaceFile(`${file(id)}.json`, JSON.stringify({ ...config, size: bytes.length, metadata }));
      await replaceFile(file(id), bytes);
    },
    promote: async (id, sha256) => {
      // The bytes first: from then on `has(sha256)` answers every phone, and the state follows.
      const config = await readConfig(`${file(id)}.json`);
      await rename(file(id), file(sha256));
      await replaceFile(`${file(sha256)}.json`, JSON.stringify({ ...config, id: sha256 }));
      await rm(`${file(id)}.json`, { force: true });
    },
    remove,
    unfinished: async (owner) => {
      const folder = join(directory, UNFINISHED_DIR, owner);
      const found: UnfinishedUploads = { count: 0, bytes: 0 };
      for (const name of await namesIn(folder)) {
        if (!name.endsWith('.json')) continue;
        const config = await readConfig(join(folder, name)).catch(() => null);
        found.count++;
        found.bytes += config?.size ?? 0;
      }
      return found;
    },
    removeUnfinishedBefore: async (before) => {
      let removed = 0;
      for (const owner of await namesIn(join(directory, UNFINISHED_DIR))) {
        const folder = `${UNFINISHED_DIR}/${owner}`;
        for (const name of await namesIn(file(folder))) {
          if (!name.endsWith('.json')) continue;
          const id = `${folder}/${name.slice(0, -'.json'.length)}`;
          const config = await readConfig(`${file(id)}.json`).catch(() => null);
          if (config && Date.parse(config.creation_date ?? '') >= before.getTime()) continue;
          await remove(id);
          removed++;
        }
        // Gone once empty; another instance may just be starting an upload in it, so only if empty.
        await rmdir(file(folder)).catch(() => undefined);
      }
      return removed + await removeOwnerlessBefore(directory, before);
    },
  };
}

/**
 * Uploads begun before they had owners sit at the top beside finished files: the unfinished ones
 * (fewer bytes than their length) begun before `before` are removed.
 */
async function removeOwnerlessBefore(directory: string, before: Date): Promise<number> {
  let removed = 0;
  for (const name of await namesIn(directory)) {
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    const config = JSON.parse(await readFile(join(directory, name), 'utf8').catch(() => '{}')) as UploadConfig;
    const size = await stat(join(directory, id)).then((s) => s.size, () => -1);
    if (size < 0 || size >= (config.size ?? 0) || Date.parse(config.creation_date ?? '') >= before.getTime()) continue;
    await Promise.all([rm(join(directory, id), { force: true }), rm(join(directory, name), { force: true })]);
    removed++;
  }
  return removed;
}

const namesIn = (folder: string) => readdir(folder).catch(() => [] as string[]);

async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  const next = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(next, data);
  await rename(next, path);
}
