import type { DataStore } from '@tus/server';

/** What one phone has begun and not finished. */
export interface UnfinishedUploads {
  count: number;
  /** Their declared lengths, summed. */
  bytes: number;
}

/**
 * Where attachment bytes live. A finished file is named by its SHA-256 (hex); an unfinished one
 * belongs to the phone that began it and lives under `unfinishedId(owner, sha256)` until it is
 * checked and promoted, so nobody else can hold a photo's name by beginning it first. The upload
 * routes know only this; a store other than a local directory (an object store) implements the
 * same members. Server instances behind one balancer must share one store: a phone's next PATCH
 * may reach any of them.
 */
export interface AttachmentStore {
  /** The @tus/server data store that receives uploads and keeps their resumable state. */
  readonly datastore: DataStore;
  /** The id of `owner`'s (a device hash) unfinished upload of the file `sha256`. */
  unfinishedId(owner: string, sha256: string): string;
  /** True when a file is held under `id` (a finished file, or an unfinished upload's id). */
  has(id: string): Promise<boolean>;
  /** The SHA-256 (lower-case hex) of the bytes held under `id`. */
  sha256(id: string): Promise<string>;
  /** The first `bytes` bytes held under `id` (fewer when the file is shorter). */
  head(id: string, bytes: number): Promise<Uint8Array>;
  /** All the bytes held under `id` (a finished upload, at most its maximum size). */
  read(id: string): Promise<Uint8Array>;
  /** Keeps `bytes` under the finished upload `id` in place of what was sent, as a finished upload of their length without `sealed` metadata. */
  replace(id: string, bytes: Uint8Array): Promise<void>;
  /** Makes the checked, finished upload `id` the file `sha256`, where every phone finds it. */
  promote(id: string, sha256: string): Promise<void>;
  /** Forgets the bytes under `id` and their upload state. */
  remove(id: string): Promise<void>;
  /** The uploads `owner` has begun and not finished. */
  unfinished(owner: string): Promise<UnfinishedUploads>;
  /** Removes every unfinished upload begun before `before`; how many it removed. */
  removeUnfinishedBefore(before: Date): Promise<number>;
}
