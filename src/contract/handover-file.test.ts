import { describe, expect, it } from 'vitest';
import { MAX_HANDOVER_ITEMS, itemDigest, parseHandoverFile, sha256OfBytes, toBase64, type HandoverFile, type HandoverItem } from './handover-file';
import { sealJson } from './sealed-payload';

const ID = '019a0000-0000-7000-8000-000000000001';
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);

async function sealedBody(id: string): Promise<string> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const envelope = await sealJson({ id, answers: { pinfl: '31507900010013' } }, { keyId: 'k1', publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } }, id);
  return JSON.stringify(envelope);
}

async function item(id = ID): Promise<HandoverItem> {
  const body = await sealedBody(id);
  const sha256 = await sha256OfBytes(PHOTO);
  return {
    id, serviceId: 'birth-certificate-copy', formVersion: 2, finalisedAt: '2026-11-30T09:00:00.000Z',
    payload: { codec: 'sealed-v1', body }, digest: await itemDigest(id, body),
    attachments: [{ field: 'documentPhoto', sha256, size: PHOTO.length, type: 'image/jpeg', held: false }],
    blobs: [{ sha256, type: 'image/jpeg', data: toBase64(PHOTO) }],
  };
}

const file = (items: unknown[]): HandoverFile => ({ format: 'xizmat-handover', version: 1, exportedAt: '2026-11-30T10:00:00.000Z', items: items as HandoverItem[] });
const parse = (value: unknown) => parseHandoverFile(JSON.stringify(value));

describe('parseHandoverFile', () => {
  it('takes a file of sealed items with their photos', async () => {
    const result = await parse(file([await item()]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file.items[0]!.blobs).toHaveLength(1);
  });

  it('refuses what is not a hand-over file, or one from a newer app', async () => {
    expect(await parseHandoverFile('{not json')).toEqual({ ok: false, problem: 'not_json' });
    expect(await parse({ format: 'something-else', items: [] })).toEqual({ ok: false, problem: 'not_handover' });
    expect(await parse({ ...file([]), version: 2 })).toEqual({ ok: false, problem: 'newer_version' });
    expect(await parse({ ...file([]), exportedAt: 'yesterday' })).toEqual({ ok: false, problem: 'malformed' });
  });

  it('keeps an operator\'s proof beside an item, only its own members, and refuses a malformed one', async () => {
    const delegation = { operatorId: 'op-1', keyId: 'k'.repeat(43), signature: 's'.repeat(86) };
    const result = await parse(file([{ ...(await item()), delegation: { ...delegation, extra: 'dropped' } }]));
    expect(result.ok && result.file.items[0]!.delegation).toEqual(delegation);
    expect(await parse(file([{ ...(await item()), delegation: { ...delegation, signature: 'short' } }]))).toEqual({ ok: false, problem: 'malformed' });
  });

  it('keeps the name of the assistant who saved it, trimmed, and refuses a name that is no name', async () => {
    const named = await parse({ ...file([await item()]), madeBy: { operatorName: '  Dilfuza Mahmudova ' } });
    expect(named.ok && named.file.madeBy).toEqual({ operatorName: 'Dilfuza Mahmudova' });
    for (const madeBy of [{ operatorName: ' ' }, { operatorName: 7 }, 'Dilfuza', { operatorName: 'x'.repeat(201) }]) {
      expect(await parse({ ...file([await item()]), madeBy })).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('refuses a readable (json-v1) item', async () => {
    const readable = { ...(await item()), payload: { codec: 'json-v1', body: JSON.stringify({ answers: { pinfl: '31507900010013' } }) } };
    expect(await parse(file([readable]))).toEqual({ ok: false, problem: 'readable' });
  });

  it('refuses an envelope changed by one character', async () => {
    const good = await item();
    const body = good.payload.body;
    const at = body.indexOf('"ct":"') + 10;
    const changed = body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1);
    expect(await parse(file([{ ...good, payload: { codec: 'sealed-v1', body: changed } }]))).toEqual({ ok: false, problem: 'tampered' });
    expect(await parse(file([{ ...good, payload: { codec: 'sealed-v1', body: '{"v":1}' } }]))).toEqual({ ok: false, problem: 'tampered' });
  });

  it('refuses a photo whose bytes do not match its SHA-256', async () => {
    const good = await item();
    const changed = new Uint8Array(PHOTO);
    changed[5] = 9;
    expect(await parse(file([{ ...good, blobs: [{ ...good.blobs[0]!, data: toBase64(changed) }] }]))).toEqual({ ok: false, problem: 'tampered' });
  });

  it('refuses a photo to upload that is missing, or a file nobody asked for', async () => {
    const good = await item();
    expect(await parse(file([{ ...good, blobs: [] }]))).toEqual({ ok: false, problem: 'malformed' });
    const held = { ...good, attachments: [{ ...good.attachments[0]!, held: true }] };
    expect(await parse(file([held]))).toEqual({ ok: false, problem: 'malformed' });
    expect((await parse(file([{ ...held, blobs: [] }]))).ok).toBe(true);
  });

  it('refuses bad ids, repeated ids and too many items', async () => {
    const good = await item();
    expect(await parse(file([{ ...good, id: 'not-a-uuid' }]))).toEqual({ ok: false, problem: 'malformed' });
    expect(await parse(file([good, good]))).toEqual({ ok: false, problem: 'malformed' });
    expect(await parse(file(Array.from({ length: MAX_HANDOVER_ITEMS + 1 }, () => good)))).toEqual({ ok: false, problem: 'too_many_items' });
    expect(await parse(file([{ ...good, attachments: [{ ...good.attachments[0]!, type: 'text/html' }] }]))).toEqual({ ok: false, problem: 'malformed' });
  });
});
