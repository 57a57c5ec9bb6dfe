import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../contract/index';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS, l } from '../../contract/test-support/sample-form';
import type { XizmatDb } from '../db/xizmat-db';
import { saveAnswer } from '../drafts/save-answer';
import { startDraft } from '../drafts/start-draft';
import { storePhoto } from '../photos/store-photo';
import { receiptServer } from '../test-support/queued-item';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { testDb } from '../test-support/test-db';
import { finaliseDraft } from './finalise-draft';
import { SUBMISSIONS_PATH, flushOutbox } from './flush-outbox';
import { UPLOAD_CHUNK_BYTES, UPLOADS_PATH } from './upload-attachment';

const PHOTO_FORM: FormDefinition = {
  ...SAMPLE_FORM,
  sections: [{ ...SAMPLE_FORM.sections[0]!, fields: [...SAMPLE_FORM.sections[0]!.fields, { id: 'passport', kind: 'photo', label: l('Passport') }] }],
};
/** A JPEG's first bytes, and enough after them for three chunks. */
const PHOTO_BYTES = Uint8Array.from({ length: UPLOAD_CHUNK_BYTES * 2 + 1_000 }, (_, i) => (i === 0 ? 0xff : i === 1 ? 0xd8 : (i * 7) % 256));

async function withPhoto(db: XizmatDb) {
  const draft = await startDraft(db, PHOTO_FORM.serviceId, PHOTO_FORM.version);
  for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft.id, field, value);
  await storePhoto(db, draft.id, 'passport', new Blob([PHOTO_BYTES], { type: 'image/jpeg' }));
  const result = await finaliseDraft(db, draft.id, PHOTO_FORM, SAMPLE_SOATO);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.item;
}

/**
 * The server's API in memory: receipts for applications, and tus as the real one answers it (HEAD,
 * creation POST, PATCH at the server's offset). The `cut`-th PATCH is lost on the way, as on 2G.
 */
function server(files: Map<string, { length: number; bytes: number[] }>, log: string[], cut?: number): typeof fetch {
  const receipts = receiptServer();
  let patches = 0;
  return async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    log.push(method === 'PATCH' ? `PATCH ${headers.get('Upload-Offset')}` : `${method} ${url.replace(/\/[0-9a-f]{64}$/, '/<sha256>')}`);
    if (url.endsWith(SUBMISSIONS_PATH)) return receipts(input, init);
    const sha256 = url.slice(url.lastIndexOf('/') + 1);
    const file = files.get(sha256);
    if (method === 'HEAD') {
      return new Response(null, file ? { status: 200, headers: { 'Upload-Offset': String(file.bytes.length), 'Upload-Length': String(file.length) } } : { status: 404 });
    }
    if (method === 'POST') {
      const address = atob(headers.get('Upload-Metadata')!.split(',')[0]!.split(' ')[1]!);
      files.set(address, { length: Number(headers.get('Upload-Length')), bytes: [] });
      return new Response(null, { status: 201 });
    }
    if (++patches === cut) throw new TypeError('network connection lost');
    if (!file || Number(headers.get('Upload-Offset')) !== file.bytes.length) return new Response(null, { status: 409 });
    file.bytes.push(...new Uint8Array(await (init!.body as Blob).arrayBuffer()));
    return new Response(null, { status: 204, headers: { 'Upload-Offset': String(file.bytes.length) } });
  };
}

describe.each(SYNC_SIDES)('photos of the outbox, from $side', ({ sync }) => {
  it('go after the application, resume from the server\'s offset after a cut, and leave the phone once the server holds them', async () => {
    const db = testDb();
    const item = await withPhoto(db);
    const sha256 = item.attachments![0]!.sha256;
    const files = new Map<string, { length: number; bytes: number[] }>();
    const log: string[] = [];
    const first = await flushOutbox(await sync(db), { fetch: server(files, log, 2) });
    expect(first).toMatchObject({ delivered: 1, photosWaiting: 1 });
    expect(log).toEqual([`POST ${SUBMISSIONS_PATH}`, `HEAD ${UPLOADS_PATH}/<sha256>`, `POST ${UPLOADS_PATH}`, 'PATCH 0', `PATCH ${UPLOAD_CHUNK_BYTES}`]);
    expect((await db.outbox.get(item.id))?.attachments).toMatchObject([{ sha256, uploaded: UPLOAD_CHUNK_BYTES, done: false }]);
    expect(await db.blobs.get(sha256)).toBeDefined();
    log.length = 0;
    const second = await flushOutbox(await sync(db), { fetch: server(files, log) });
    expect(second).toMatchObject({ delivered: 0, photosWaiting: 0 });
    expect(log).toEqual([`HEAD ${UPLOADS_PATH}/<sha256>`, `PATCH ${UPLOAD_CHUNK_BYTES}`, `PATCH ${UPLOAD_CHUNK_BYTES * 2}`]);
    expect(files.get(sha256)?.bytes).toEqual([...PHOTO_BYTES]);
    expect((await db.outbox.get(item.id))?.attachments).toMatchObject([{ sha256, uploaded: PHOTO_BYTES.length, done: true }]);
    expect(await db.blobs.get(sha256)).toBeUndefined();
  });

  it('keep a photo a draft still shows after the server holds it', async () => {
    const db = testDb();
    const item = await withPhoto(db);
    const sha256 = item.attachments![0]!.sha256;
    const other = await startDraft(db, PHOTO_FORM.serviceId, PHOTO_FORM.version);
    await storePhoto(db, other.id, 'passport', new Blob([PHOTO_BYTES], { type: 'image/jpeg' }));
    expect(await flushOutbox(await sync(db), { fetch: server(new Map(), []) })).toMatchObject({ delivered: 1, photosWaiting: 0 });
    expect((await db.outbox.get(item.id))?.attachments).toMatchObject([{ done: true }]);
    expect(await db.blobs.get(sha256)).toBeDefined();
  });
});
