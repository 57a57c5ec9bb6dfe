import { DEVICE_KEY_HEADER } from '../../contract/index';
import type { AttachmentState } from '../db/records';

export const UPLOADS_PATH = '/api/v1/uploads';
const TUS_VERSION = '1.0.0';
/** One PATCH: on a 2G link a lost connection costs at most this much to send again. */
export const UPLOAD_CHUNK_BYTES = 64 * 1024;
/** Give up on one chunk after this long and resume from the server's offset later. */
const CHUNK_TIMEOUT_MS = 60_000;

export interface UploadOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
  /** This phone's device key: a phone an admin revoked is refused here too. */
  deviceKey?: string;
  /** `blob` is the file sealed to the server's key: the server opens it on completion. */
  sealed?: boolean;
  /** Called with the bytes the server has confirmed, after each chunk. */
  onProgress?: (uploaded: number) => Promise<void> | void;
}

type UploadResult = 'done' | 'retry' | 'rejected';

/**
 * Uploads one file with the tus 1.0 protocol (core + creation), addressed by its SHA-256: a file
 * the server already holds is not sent again, and an interrupted one resumes from the server's
 * offset. Written on fetch, not tus-js-client, because it must also run in the service worker,
 * which has no XMLHttpRequest.
 */
export async function uploadAttachment(attachment: AttachmentState, blob: Blob, options: UploadOptions = {}): Promise<UploadResult> {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.baseUrl ?? ''}${UPLOADS_PATH}/${attachment.sha256}`;
  const headers: Record<string, string> = { 'Tus-Resumable': TUS_VERSION, ...(options.deviceKey ? { [DEVICE_KEY_HEADER]: options.deviceKey } : {}) };
  try {
    const held = await serverOffset(doFetch, url, headers);
    let offset: number;
    if (held !== null) offset = held;
    else {
      // 'sealed': base64 of "1", as tus metadata values are.
      const metadata = `sha256 ${btoa(attachment.sha256)},filetype ${btoa(attachment.type)}${options.sealed ? ',sealed MQ==' : ''}`;
      const created = await doFetch(`${options.baseUrl ?? ''}${UPLOADS_PATH}`, {
        method: 'POST',
        headers: { ...headers, 'Upload-Length': String(blob.size), 'Upload-Metadata': metadata },
      });
      // 409: another sender created it meanwhile; read its offset.
      if (created.status === 409) offset = (await serverOffset(doFetch, url, headers)) ?? 0;
      else if (created.status === 201) offset = 0;
      else return created.status === 413 || created.status === 400 ? 'rejected' : 'retry';
    }
    while (offset < blob.size) {
      const response: Response = await doFetch(url, {
        method: 'PATCH',
        headers: { ...headers, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        body: blob.slice(offset, offset + UPLOAD_CHUNK_BYTES),
        signal: AbortSignal.timeout(CHUNK_TIMEOUT_MS),
      });
      if (response.status === 409) { offset = (await serverOffset(doFetch, url, headers)) ?? 0; continue; }
      // The server found the finished file does not match its hash: it dropped it; start over later.
      if (response.status === 422 || response.status === 460) return 'retry';
      if (response.status !== 204) return response.status === 413 ? 'rejected' : 'retry';
      const next = Number(response.headers.get('Upload-Offset'));
      if (!Number.isFinite(next) || next <= offset) return 'retry';
      offset = next;
      await options.onProgress?.(offset);
    }
    return 'done';
  } catch {
    return 'retry';
  }
}

/**
 * The bytes the server holds for this file, or null when it has never heard of it; Infinity when
 * it holds the whole file, sent sealed or readable (it keeps an opened file at its readable length).
 */
async function serverOffset(doFetch: typeof fetch, url: string, headers: Record<string, string>): Promise<number | null> {
  const response = await doFetch(url, { method: 'HEAD', headers, cache: 'no-store' });
  if (response.status === 404 || response.status === 410) return null;
  if (!response.ok) throw new Error(`HEAD ${response.status}`);
  const offset = Number(response.headers.get('Upload-Offset'));
  if (!Number.isFinite(offset)) throw new Error('HEAD without Upload-Offset');
  return offset >= Number(response.headers.get('Upload-Length') ?? NaN) ? Infinity : offset;
}
