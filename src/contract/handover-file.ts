/**
 * The hand-over file (docs/security.md): sealed outbox items carried by hand from a phone with no network to
 * another phone or the office, which sends them. Only sealed items travel (nobody on the way can
 * read them) and never who they belong to on the exporting phone. A file is never trusted: every
 * field is checked, sizes are bounded and each file's bytes must match its SHA-256 (a sealed
 * file's, the SHA-256 of its sealed bytes).
 */
import { isDelegationProof, type DelegationProof } from './delegation';
import { FILE_TYPES } from './file-type';
import { MAX_ATTACHMENT_BYTES } from './limits';
import { MAX_SEAL_OVERHEAD_BYTES, SEALED_CODEC, isSealedEnvelope } from './sealed-payload';
import { isUuidV7 } from './uuid-v7';

/** WARNING: part of the file format; files already saved on phones carry these. */
export const HANDOVER_FORMAT = 'xizmat-handover';
export const HANDOVER_VERSION = 1;
/** Most items in one file: an assistant's long day in a village, and a file a phone still reads at once. */
export const MAX_HANDOVER_ITEMS = 100;
/** Most files (photos, documents) one application carries. */
const MAX_HANDOVER_ATTACHMENTS = 20;
/** Longest file read, in characters: read whole into memory, so bounded for 1 GB phones (about 30 MB of photos). */
export const MAX_HANDOVER_CHARS = 40 * 1024 * 1024;

interface HandoverAttachment {
  field: string;
  sha256: string;
  size: number;
  type: string;
  /** The server already holds it (the exporting phone uploaded it); otherwise its bytes are in `blobs`. */
  held: boolean;
}

export interface HandoverBlob {
  sha256: string;
  type: string;
  /** The file's bytes, standard base64; with `sealed`, its sealBytes envelope. */
  data: string;
  /**
   * The phone kept the file sealed to the server's key: nobody on the way can read it, nor
   * check it against `sha256`. `sha256` here is of the sealed bytes and shows damage on the way;
   * the server opening it under its address is the real check. Absent on readable files.
   */
  sealed?: { keyId: string; sha256: string };
}

export interface HandoverItem {
  id: string;
  serviceId: string;
  formVersion: number;
  finalisedAt: string;
  payload: { codec: typeof SEALED_CODEC; body: string };
  /**
   * Hex SHA-256 of the id, a newline and the payload body: shows a file damaged or edited on the
   * way before it is queued. Anyone can recompute it; the server's AES-GCM tag over the envelope,
   * bound to the id, is what stops a forgery.
   */
  digest: string;
  attachments: HandoverAttachment[];
  blobs: HandoverBlob[];
  /**
   * An on-behalf application's operator proof, as it travels beside the envelope. It vouches for
   * itself (the server checks its signature), so the digest need not cover it. Absent otherwise.
   */
  delegation?: DelegationProof;
}

export interface HandoverFile {
  format: typeof HANDOVER_FORMAT;
  version: typeof HANDOVER_VERSION;
  exportedAt: string;
  /**
   * The assistant who saved the file, as their phone named them: shown to whoever takes it, before
   * taking it. Words only, anyone could change them: what the server trusts is each item's proof.
   * Absent on a file a person saved of their own applications, and on files from before it.
   */
  madeBy?: { operatorName: string };
  items: HandoverItem[];
}

/** Why a file is refused, in words the UI translates. */
export type HandoverProblem =
  | 'too_large' | 'not_json' | 'not_handover' | 'newer_version' | 'too_many_items' | 'malformed' | 'readable' | 'tampered';

type ParsedHandover = { ok: true; file: HandoverFile } | { ok: false; problem: HandoverProblem };

interface Platform {
  crypto: { subtle: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> } };
  TextEncoder: new () => { encode(text: string): Uint8Array<ArrayBuffer> };
  atob(text: string): string;
  btoa(binary: string): string;
}
const platform = globalThis as unknown as Platform;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SERVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** As form-definition.schema.json names a field. */
const FIELD_ID = /^[A-Za-z_]\w{0,99}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
/** Longest assistant's name a file may give; a display name, not a document. */
const MAX_OPERATOR_NAME_CHARS = 200;
/** Longest payload body: an envelope at its largest ciphertext plus its other members. */
const MAX_BODY_CHARS = 210_000;

/** Hex SHA-256 of bytes (WebCrypto, so the same in the browser, the worker and Node). */
export async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await platform.crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The digest an item carries (see HandoverItem.digest). */
export function itemDigest(id: string, body: string): Promise<string> {
  return sha256OfBytes(new platform.TextEncoder().encode(`${id}\n${body}`));
}

/** Bytes to standard base64, in chunks so a 5 MB file does not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return platform.btoa(binary);
}

/** Standard base64 to bytes; null when it is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64.test(text)) return null;
  const binary = platform.atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSealedMark = (value: unknown): value is NonNullable<HandoverBlob['sealed']> =>
  isObject(value) && typeof value.keyId === 'string' && typeof value.sha256 === 'string';

/** Checks a hand-over file whole; resolves to the file or to the first reason to refuse it. */
export async function parseHandoverFile(text: string): Promise<ParsedHandover> {
  if (text.length > MAX_HANDOVER_CHARS) return { ok: false, problem: 'too_large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not_json' };
  }
  if (!isObject(value) || value.format !== HANDOVER_FORMAT) return { ok: false, problem: 'not_handover' };
  if (typeof value.version !== 'number' || value.version > HANDOVER_VERSION) return { ok: false, problem: 'newer_version' };
  if (value.version !== HANDOVER_VERSION || typeof value.exportedAt !== 'string' || !ISO_TIME.test(value.exportedAt) || !Array.isArray(value.items)) {
    return { ok: false, problem: 'malformed' };
  }
  if (value.items.length > MAX_HANDOVER_ITEMS) return { ok: false, problem: 'too_many_items' };
  const madeBy = value.madeBy;
  const operatorName = isObject(madeBy) && typeof madeBy.operatorName === 'string' ? madeBy.operatorName.trim() : null;
  if (madeBy !== undefined && (operatorName === null || operatorName === '' || operatorName.length > MAX_OPERATOR_NAME_CHARS)) return { ok: false, problem: 'malformed' };
  const ids = new Set<string>();
  const items: HandoverItem[] = [];
  for (const raw of value.items) {
    const checked = await checkItem(raw);
    if (typeof checked === 'string') return { ok: false, problem: checked };
    if (ids.has(checked.id)) return { ok: false, problem: 'malformed' };
    ids.add(checked.id);
    items.push(checked);
  }
  return {
    ok: true,
    file: { format: HANDOVER_FORMAT, version: HANDOVER_VERSION, exportedAt: value.exportedAt, ...(operatorName ? { madeBy: { operatorName } } : {}), items },
  };
}

async function checkItem(raw: unknown): Promise<HandoverItem | HandoverProblem> {
  if (!isObject(raw)) return 'malformed';
  const { id, serviceId, formVersion, finalisedAt, payload, digest, attachments, blobs, delegation } = raw;
  if (isObject(payload) && payload.codec !== SEALED_CODEC) return 'readable';
  if (
    !isUuidV7(id) || typeof serviceId !== 'string' || !SERVICE_ID.test(serviceId) ||
    typeof formVersion !== 'number' || !Number.isInteger(formVersion) || formVersion < 1 ||
    typeof finalisedAt !== 'string' || !ISO_TIME.test(finalisedAt) ||
    !isObject(payload) || typeof payload.body !== 'string' || payload.body.length > MAX_BODY_CHARS ||
    typeof digest !== 'string' || !SHA256_HEX.test(digest) ||
    !Array.isArray(attachments) || attachments.length > MAX_HANDOVER_ATTACHMENTS ||
    !Array.isArray(blobs) || blobs.length > attachments.length || (delegation !== undefined && !isDelegationProof(delegation))
  ) return 'malformed';
  let envelope: unknown;
  try {
    envelope = JSON.parse(payload.body);
  } catch {
    return 'tampered';
  }
  if (!isSealedEnvelope(envelope)) return 'tampered';
  if ((await itemDigest(id, payload.body)) !== digest) return 'tampered';
  const checkedAttachments: HandoverAttachment[] = [];
  for (const a of attachments) {
    if (
      !isObject(a) || typeof a.field !== 'string' || !FIELD_ID.test(a.field) || typeof a.sha256 !== 'string' || !SHA256_HEX.test(a.sha256) ||
      typeof a.size !== 'number' || !Number.isInteger(a.size) || a.size < 1 || a.size > MAX_ATTACHMENT_BYTES ||
      typeof a.type !== 'string' || !(FILE_TYPES as readonly string[]).includes(a.type) || typeof a.held !== 'boolean'
    ) return 'malformed';
    checkedAttachments.push({ field: a.field, sha256: a.sha256, size: a.size, type: a.type, held: a.held });
  }
  const checkedBlobs: HandoverBlob[] = [];
  for (const b of blobs) {
    if (!isObject(b) || typeof b.sha256 !== 'string' || typeof b.type !== 'string' || typeof b.data !== 'string') return 'malformed';
    // Each file travels once and only for an attachment the server does not yet hold.
    const owner = checkedAttachments.find((a) => !a.held && a.sha256 === b.sha256);
    if (!owner || owner.type !== b.type || checkedBlobs.some((c) => c.sha256 === b.sha256)) return 'malformed';
    const sealed = b.sealed === undefined ? undefined : isSealedMark(b.sealed) ? b.sealed : null;
    if (sealed === null) return 'malformed';
    if (b.data.length > Math.ceil((MAX_ATTACHMENT_BYTES + MAX_SEAL_OVERHEAD_BYTES) / 3) * 4) return 'malformed';
    const bytes = fromBase64(b.data);
    if (!bytes) return 'tampered';
    // A sealed file cannot be checked against its readable hash here: the server does that on opening it.
    if (sealed ? (await sha256OfBytes(bytes)) !== sealed.sha256 : bytes.length !== owner.size || (await sha256OfBytes(bytes)) !== b.sha256) return 'tampered';
    checkedBlobs.push({ sha256: b.sha256, type: b.type, data: b.data, ...(sealed ? { sealed: { keyId: sealed.keyId, sha256: sealed.sha256 } } : {}) });
  }
  // Every file still to upload must be in the file, or the receiving phone could never send it.
  if (checkedAttachments.some((a) => !a.held && !checkedBlobs.some((b) => b.sha256 === a.sha256))) return 'malformed';
  return {
    id, serviceId, formVersion, finalisedAt, payload: { codec: SEALED_CODEC, body: payload.body }, digest,
    attachments: checkedAttachments, blobs: checkedBlobs,
    ...(isDelegationProof(delegation) ? { delegation: { operatorId: delegation.operatorId, keyId: delegation.keyId, signature: delegation.signature } } : {}),
  };
}
