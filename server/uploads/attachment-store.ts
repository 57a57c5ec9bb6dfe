import type { DataStore } from '@tus/server';

/**
 * Where attachment bytes live, each file named by its SHA-256 (hex). The upload routes know only
 * this; a store other than a local directory (an object store) implements the same members.
 * Server instances behind one balancer must share one store: a phone's next PATCH may reach any of them.
 */
export interface AttachmentStore {
  /** The @tus/server data store that receives uploads and keeps their resumable state. */
  readonly datastore: DataStore;
  /** True when a file, finished or partial, is held under `id`. */
  has(id: string): Promise<boolean>;
  /** The SHA-256 (lower-case hex) of the bytes held under `id`. */
  sha256(id: string): Promise<string>;
  /** The first `bytes` bytes held under `id` (fewer when the file is shorter). */
  head(id: string, bytes: number): Promise<Uint8Array>;
  /** All the bytes held under `id` (a finished upload, at most its maximum size). */
  read(id: string): Promise<Uint8Array>;
  /** Keeps `bytes` under the finished upload `id` in place of what was sent, as a finished upload of their length without `sealed` metadata. */
  replace(id: string, bytes: Uint8Array): Promise<void>;
  /** Forgets the bytes under `id` and their upload state. */
  remove(id: string): Promise<void>;
}
