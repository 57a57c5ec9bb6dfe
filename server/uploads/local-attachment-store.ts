import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
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
    remove: async (id) => {
      await Promise.all([rm(file(id), { force: true }), rm(`${file(id)}.json`, { force: true })]);
    },
  };
}
