import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import type { AttachmentStore } from './attachment-store';

/**
 * The default store: a local directory (or one mounted by every instance). @tus/file-store keeps
 * all of an upload's state on disk, the bytes in `<sha256>` and the length and metadata in
 * `<sha256>.json`, and reads the offset from the file's size on every request, so instances
 * sharing the directory resume each other's uploads (upload-across-instances.test.ts).
 */
export function localAttachmentStore(directory: string): AttachmentStore {
  const file = (id: string) => join(directory, id);
  return {
    datastore: new FileStore({ directory }),
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
      const config = JSON.parse(await readFile(`${file(id)}.json`, 'utf8')) as { size: number; metadata?: Record<string, unknown> };
      const { sealed: _sealed, ...metadata } = config.metadata ?? {};
      await replaceFile(`${file(id)}.json`, JSON.stringify({ ...config, size: bytes.length, metadata }));
      await replaceFile(file(id), bytes);
    },
    remove: async (id) => {
      await Promise.all([rm(file(id), { force: true }), rm(`${file(id)}.json`, { force: true })]);
    },
  };
}

async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  const next = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(next, data);
  await rename(next, path);
}
