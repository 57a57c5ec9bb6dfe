import { Server as TusServer } from '@tus/server';
import type { FastifyInstance } from 'fastify';
import {
  FILE_SIGNATURE_BYTES, MAX_ATTACHMENT_BYTES, MAX_SEAL_OVERHEAD_BYTES, isSha256Hex, openSealedBytes, sealedBytesKeyId, sniffFileType,
  type WebCryptoKey,
} from '../../src/contract/index';
import type { AttachmentStore } from './attachment-store';

export interface UploadRoutesOptions {
  /** Where finished and partial uploads live (localAttachmentStore by default). */
  store: AttachmentStore;
  /** The URL prefix, e.g. /api/v1. */
  prefix: string;
  /** The server's private key for a keyId (ServerKeys.openingKey): opens files the phone sent sealed (issue 8). */
  openingKey(keyId: string): Promise<WebCryptoKey | null>;
}

/** tus status for "the finished file is not what its hash says" (tus-js-client's checksum code). */
const CHECKSUM_MISMATCH = 460;
const UNSUPPORTED_MEDIA_TYPE = 415;
const PAYLOAD_TOO_LARGE = 413;
/** The tus metadata value (decoded) of a file sealed to the server's key. WARNING: sent by phones. */
const SEALED = '1';

/**
 * Resumable attachment uploads (tus 1.0, @tus/server). Each file's id is its SHA-256, given by
 * the phone: an upload the server already holds is not taken again, and a finished file whose
 * bytes do not hash to its id is dropped so the phone sends it again. A file sent sealed to the
 * server's key (metadata `sealed`, issue 8) is opened when finished and only its opened bytes are
 * kept, at their own length, so a HEAD finds it complete whichever way it was sent.
 */
export async function uploadRoutes(app: FastifyInstance, { store, prefix, openingKey }: UploadRoutesOptions): Promise<void> {
  const path = `${prefix}/uploads`;
  const tus = new TusServer({
    path,
    datastore: store.datastore,
    // The default MemoryLocker orders requests for one upload within this process only. Across
    // instances two PATCHes for one file can overlap (a phone retrying while its old request is
    // still open elsewhere); both carry the same bytes for the same offsets, since the file is
    // named by its hash, and a finished file that does not hash to its name is dropped below
    // (upload-across-instances.test.ts sends one file to two instances at once).
    maxSize: MAX_ATTACHMENT_BYTES + MAX_SEAL_OVERHEAD_BYTES,
    relativeLocation: true,
    respectForwardedHeaders: false,
    namingFunction: (_req, metadata) => {
      const sha256 = metadata?.sha256;
      if (!isSha256Hex(sha256)) throw { status_code: 400, body: 'Upload-Metadata must carry the file\'s sha256 as lower-case hex.\n' };
      return sha256;
    },
    onUploadCreate: async (_req, upload) => {
      // Never truncate a file we hold: a repeat is answered 409 and the phone asks for its offset.
      if (await store.has(upload.id)) throw { status_code: 409, body: 'This file is here already; ask for its offset with HEAD.\n' };
      if (upload.metadata?.sealed !== SEALED && (upload.size ?? 0) > MAX_ATTACHMENT_BYTES) {
        throw { status_code: PAYLOAD_TOO_LARGE, body: 'The file is larger than the server takes.\n' };
      }
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      // Another instance may have opened it already (both received the last bytes): then it hashes right.
      if (upload.metadata?.sealed === SEALED && (await store.sha256(upload.id)) !== upload.id) {
        const opened = await openUpload(await store.read(upload.id), upload.id, openingKey);
        if (!opened) {
          await store.remove(upload.id);
          throw { status_code: CHECKSUM_MISMATCH, body: 'The sealed file does not open; send it again.\n' };
        }
        await store.replace(upload.id, opened);
      }
      if ((await store.sha256(upload.id)) !== upload.id) {
        await store.remove(upload.id);
        throw { status_code: CHECKSUM_MISMATCH, body: 'The file does not match its sha256; send it again.\n' };
      }
      // Only documents and photos are kept, known by their first bytes (a name or a header can lie).
      if (!sniffFileType(await store.head(upload.id, FILE_SIGNATURE_BYTES))) {
        await store.remove(upload.id);
        throw { status_code: UNSUPPORTED_MEDIA_TYPE, body: 'Only PDF, JPEG and PNG files are kept.\n' };
      }
      return {};
    },
  });
  // tus reads the body itself: leave the stream alone.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const handle = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  // No DELETE (termination) and no GET: a phone may add files, never remove or read others'.
  app.route({ method: ['POST', 'OPTIONS'], url: path, handler: handle });
  app.route({ method: ['HEAD', 'PATCH', 'OPTIONS'], url: `${path}/:id`, handler: handle });
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
