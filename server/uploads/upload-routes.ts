import type { ServerResponse } from 'node:http';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DEVICE_KEY_HEADER, ERROR_CODES, FILE_SIGNATURE_BYTES, MAX_ATTACHMENT_BYTES, MAX_SEAL_OVERHEAD_BYTES, isSha256Hex, openSealedBytes,
  sealedBytesKeyId, sniffFileType, type WebCryptoKey,
} from '../../src/contract/index';
import { HttpError } from '../http/api-error';
import { NO_STORE } from '../http/cache-control';
import { SECURITY_HEADERS } from '../http/security-headers';
import { deviceHashOf, deviceHashOfKey } from '../submissions/device-hash';
import type { AttachmentStore } from './attachment-store';

/** What one phone may have begun and not finished. */
export interface UploadQuota {
  unfinishedPerPhone: number;
  unfinishedBytesPerPhone: number;
}

/** A phone sends its photos one after another; a few more stay behind when a draft is deleted mid-photo. */
const UNFINISHED_PER_PHONE = 10;
/** Five files of the largest size taken; a photo is about 250 KB. */
const UNFINISHED_BYTES_PER_PHONE = 5 * (MAX_ATTACHMENT_BYTES + MAX_SEAL_OVERHEAD_BYTES);
export const DEFAULT_UPLOAD_QUOTA: UploadQuota = { unfinishedPerPhone: UNFINISHED_PER_PHONE, unfinishedBytesPerPhone: UNFINISHED_BYTES_PER_PHONE };
/**
 * An unfinished upload is removed this long after it began: a phone that lost its link mid-photo
 * may be back only after a trip to town, and then starts that photo again.
 */
export const DEFAULT_UPLOAD_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;
/** How often each instance removes expired unfinished uploads. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

interface UploadRoutesOptions {
  /** Where finished and partial uploads live (localAttachmentStore by default). */
  store: AttachmentStore;
  /** The URL prefix, e.g. /api/v1. */
  prefix: string;
  /** The server's private key for a keyId (ServerKeys.openingKey): opens files the phone sent sealed, so nobody on a shared phone can read them back. */
  openingKey(keyId: string): Promise<WebCryptoKey | null>;
  quota?: UploadQuota;
  /** How long after it began an unfinished upload is removed (XIZMAT_UPLOAD_EXPIRY_HOURS). */
  expiryMs: number;
  /** The clock of the expiry; tests move it. */
  now: () => Date;
}

/** tus status for "the finished file is not what its hash says" (tus-js-client's checksum code). */
const CHECKSUM_MISMATCH = 460;
const UNSUPPORTED_MEDIA_TYPE = 415;
const PAYLOAD_TOO_LARGE = 413;
const TOO_MANY = 429;
/** The tus metadata value (decoded) of a file sealed to the server's key. WARNING: sent by phones. */
const SEALED = '1';
/** Creation headers of the tus extensions not offered (concatenation, creation-defer-length). */
const UNOFFERED_EXTENSION_HEADERS = ['upload-concat', 'upload-defer-length'] as const;
/** An id tus is handed: a finished file's SHA-256, or a phone's unfinished upload of one. */
const STORE_ID = /^(?:partial\/[0-9a-f]{64}\/)?[0-9a-f]{64}$/;

/**
 * Resumable attachment uploads (tus 1.0, @tus/server). Each file's URL is its SHA-256, given by
 * the phone, whose device key every request must carry. What a phone begins is its own until it
 * is finished: another phone beginning the same file gets an upload of its own, so knowing a
 * photo's hash lets nobody block it. A finished file whose bytes do not hash to its name is
 * dropped so the phone sends it again; one that does becomes the file every phone finds, and
 * one the server holds already is not taken again. A file sent sealed to the server's key
 * (metadata `sealed`; docs/security.md) is opened when finished and only its opened bytes are kept. Each
 * phone may leave only a few uploads unfinished, and those are removed after `expiryMs`.
 */
export async function uploadRoutes(app: FastifyInstance, options: UploadRoutesOptions): Promise<void> {
  const { store, prefix, openingKey, quota = DEFAULT_UPLOAD_QUOTA, expiryMs, now } = options;
  const path = `${prefix}/uploads`;
  const tus = new TusServer({
    path,
    datastore: store.datastore,
    // The default MemoryLocker orders requests for one upload within this process only. Across
    // instances two PATCHes for one upload can overlap (a phone retrying while its old request is
    // still open elsewhere); both carry the same bytes for the same offsets, since the upload is
    // that phone's own file, and a finished file that does not hash to its name is dropped below
    // (upload-across-instances.test.ts sends one file to two instances at once).
    maxSize: MAX_ATTACHMENT_BYTES + MAX_SEAL_OVERHEAD_BYTES,
    relativeLocation: true,
    respectForwardedHeaders: false,
    // Same origin only: the app and the API share one, so no CORS answer is ever due.
    allowedOrigins: () => false,
    namingFunction: (req, metadata) => {
      const sha256 = metadata?.sha256;
      if (!isSha256Hex(sha256)) throw { status_code: 400, body: 'Upload-Metadata must carry the file\'s sha256 as lower-case hex.\n' };
      return store.unfinishedId(deviceHashOfKey(req.headers.get(DEVICE_KEY_HEADER))!, sha256);
    },
    // The handler below has put the id (finished, or this phone's own) where tus reads it.
    getFileIdFromRequest: (_req, id) => (id !== undefined && STORE_ID.test(id) ? id : undefined),
    // A phone reads only the file's own address, never where its unfinished bytes are kept.
    generateUrl: (_req, { path: base, id }) => `${base}/${sha256Of(id)}`,
    onUploadCreate: async (req, upload) => {
      const sha256 = sha256Of(upload.id);
      // Never truncate a file we hold: a repeat is answered 409 and the phone asks for its offset.
      if (await store.has(sha256) || await store.has(upload.id)) throw { status_code: 409, body: 'This file is here already; ask for its offset with HEAD.\n' };
      if (upload.size === undefined) throw { status_code: 400, body: 'Send Upload-Length: a deferred length is not taken.\n' };
      if (upload.metadata?.sealed !== SEALED && upload.size > MAX_ATTACHMENT_BYTES) {
        throw { status_code: PAYLOAD_TOO_LARGE, body: 'The file is larger than the server takes.\n' };
      }
      const begun = await store.unfinished(deviceHashOfKey(req.headers.get(DEVICE_KEY_HEADER))!);
      if (begun.count >= quota.unfinishedPerPhone || begun.bytes + upload.size > quota.unfinishedBytesPerPhone) {
        throw { status_code: TOO_MANY, body: 'This phone has too many unfinished uploads; finish them first.\n' };
      }
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      const sha256 = sha256Of(upload.id);
      // Another phone or instance finished the same file first: this copy is not needed.
      if (upload.id !== sha256 && await store.has(sha256)) {
        await store.remove(upload.id);
        return {};
      }
      // Another instance may have opened it already (both received the last bytes): then it hashes right.
      if (upload.metadata?.sealed === SEALED && (await store.sha256(upload.id)) !== sha256) {
        const opened = await openUpload(await store.read(upload.id), sha256, openingKey);
        if (!opened) {
          await store.remove(upload.id);
          throw { status_code: CHECKSUM_MISMATCH, body: 'The sealed file does not open; send it again.\n' };
        }
        await store.replace(upload.id, opened);
      }
      if ((await store.sha256(upload.id)) !== sha256) {
        await store.remove(upload.id);
        throw { status_code: CHECKSUM_MISMATCH, body: 'The file does not match its sha256; send it again.\n' };
      }
      // Only documents and photos are kept, known by their first bytes (a name or a header can lie).
      if (!sniffFileType(await store.head(upload.id, FILE_SIGNATURE_BYTES))) {
        await store.remove(upload.id);
        throw { status_code: UNSUPPORTED_MEDIA_TYPE, body: 'Only PDF, JPEG and PNG files are kept.\n' };
      }
      if (upload.id !== sha256) await store.promote(upload.id, sha256);
      return {};
    },
  });
  // tus reads the body itself: leave the stream alone.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  const handle = (id: (request: FastifyRequest<{ Params: { id?: string } }>, owner: string) => Promise<string | null>) =>
    async (request: FastifyRequest<{ Params: { id?: string } }>, reply: FastifyReply) => {
      const owner = deviceHashOf(request);
      if (!owner) throw new HttpError(401, ERROR_CODES.deviceKeyRequired, 'Send this phone\'s device key with every upload.');
      const storeId = await id(request, owner);
      if (storeId === null) throw new HttpError(404, ERROR_CODES.notFound, 'No such upload.');
      request.raw.url = storeId === '' ? path : `${path}/${encodeURIComponent(storeId)}`;
      reply.hijack();
      withHeadersOfOurOwn(reply.raw);
      await tus.handle(request.raw, reply.raw);
    };
  // No DELETE (termination), no GET and no OPTIONS (CORS): a phone may add files, never remove or read them.
  app.post<{ Params: { id?: string } }>(path, { onRequest: refuseUnofferedExtensions }, handle(async () => ''));
  app.route<{ Params: { id?: string } }>({
    method: ['HEAD', 'PATCH'], url: `${path}/:id`,
    // The file itself once finished (or begun before uploads had owners); else this phone's own upload of it.
    handler: handle(async (request, owner) => {
      const sha256 = request.params.id;
      if (!isSha256Hex(sha256)) return null;
      const own = store.unfinishedId(owner, sha256);
      if (!(await store.has(sha256))) return own;
      // Another phone finished it first: this phone's copy is not needed and holds no quota.
      if (await store.has(own)) await store.remove(own);
      return sha256;
    }),
  });

  const sweep = () => store.removeUnfinishedBefore(new Date(now().getTime() - expiryMs))
    .then((removed) => { if (removed > 0) app.log.info({ removed }, 'removed expired unfinished uploads'); })
    .catch((error: unknown) => app.log.error({ err: error }, 'could not remove expired unfinished uploads'));
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS).unref();
  app.addHook('onReady', async () => { void sweep(); });
  app.addHook('onClose', async () => clearInterval(timer));
}

/**
 * Concatenation and a deferred length are tus extensions this server does not offer: @tus/server
 * answers a creation asking for concatenation 501, a 5xx for what is only the client's choice, and
 * would begin an upload of unknown length. Both are refused here first, 400 in the API's words.
 */
async function refuseUnofferedExtensions(request: FastifyRequest): Promise<void> {
  for (const header of UNOFFERED_EXTENSION_HEADERS) {
    if (request.headers[header] !== undefined) throw new HttpError(400, ERROR_CODES.badRequest, `${header} is not taken here: send Upload-Length and the whole file.`);
  }
}

/** The file an upload id is of: the id itself, or the last part of a phone's unfinished upload's id. */
const sha256Of = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/**
 * tus answers on the raw response, past Fastify's hooks: the security headers go on it here,
 * and any Access-Control-* header tus would write is dropped, so uploads are same-origin only.
 */
function withHeadersOfOurOwn(raw: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) raw.setHeader(name, value);
  raw.setHeader('Cache-Control', NO_STORE);
  const writeHead = raw.writeHead.bind(raw) as (...args: unknown[]) => ServerResponse;
  raw.writeHead = ((...args: unknown[]) => writeHead(...args.map(withoutCors))) as ServerResponse['writeHead'];
}

const isCors = (name: unknown) => typeof name === 'string' && name.toLowerCase().startsWith('access-control-');

/** writeHead's headers (flat [name, value, …], [[name, value]…] or an object) without CORS ones; other arguments as they are. */
function withoutCors(arg: unknown): unknown {
  if (Array.isArray(arg)) {
    if (arg.every(Array.isArray)) return arg.filter(([name]) => !isCors(name));
    const kept: unknown[] = [];
    for (let i = 0; i < arg.length; i += 2) if (!isCors(arg[i])) kept.push(arg[i], arg[i + 1]);
    return kept;
  }
  if (typeof arg === 'object' && arg !== null) return Object.fromEntries(Object.entries(arg).filter(([name]) => !isCors(name)));
  return arg;
}

/** The opened bytes of a sealed upload (aad: its address), or null when they do not open here. */
async function openUpload(sealed: Uint8Array, sha256: string, openingKey: UploadRoutesOptions['openingKey']): Promise<Uint8Array | null> {
  const keyId = sealedBytesKeyId(sealed);
  const key = keyId === null ? null : await openingKey(keyId);
  if (!key) return null;
  try {
    return await openSealedBytes(sealed, key, sha256);
  } catch {
    return null;
  }
}
