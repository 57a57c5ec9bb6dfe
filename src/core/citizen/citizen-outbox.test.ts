import { describe, expect, it } from 'vitest';
import {
  CITIZEN_HEADER, citizenDigest, openSealed, parseCitizenRead, sealReopen, verifyCitizen, verifyCitizenRead,
  type CitizenProof, type CitizenSession, type P256PublicJwk, type SealKey, type SealedItem, type StatusesResponse, type SubmissionItem,
} from '../../contract/index';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../../contract/test-support/sample-form';
import { OWNER_SELF, residentOwner, type CitizenRecord } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { replyKey } from '../device/reply-key';
import { saveAnswer } from '../drafts/save-answer';
import { startDraft } from '../drafts/start-draft';
import { finaliseDraft } from '../outbox/finalise-draft';
import { flushOutbox } from '../outbox/flush-outbox';
import { signCitizenItems } from '../outbox/sign-citizen-items';
import { needingAction } from '../status/needing-action';
import { STATUSES_PATH, syncStatuses } from '../status/sync-statuses';
import { SEAL_KEY_META } from '../sync/fetch-seal-key';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { testDb } from '../test-support/test-db';
import { CITIZEN_META, keepCitizen, readCitizen, signedInCitizen } from './citizen-record';
import { newCitizenKey } from './new-citizen-key';

const SESSION = (keyId: string): CitizenSession => ({
  citizen: { pinfl: '31507900010013', lastName: 'Karimova', firstName: 'Dilnoza', middleName: 'Anvarovna', birthDate: '1979-07-15', phone: null },
  keyId, provider: 'stand-in-oneid', standIn: true, signedInAt: '2026-12-01T08:00:00.000Z',
});

async function withSealKey(db: XizmatDb): Promise<CryptoKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const key: SealKey = { keyId: 'test-1', publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } };
  await db.meta.put({ key: SEAL_KEY_META, value: key });
  return pair.privateKey;
}

/** Signs this phone in as a citizen, as the sign-in does once the provider said who it is. */
async function signIn(db: XizmatDb): Promise<CitizenRecord> {
  const key = await newCitizenKey();
  const record: CitizenRecord = { ...key, state: 'signed-in', standIn: true, session: SESSION(key.keyId), createdAt: '2026-12-01T08:00:00.000Z' };
  await keepCitizen(db, record);
  return record;
}

async function finalised(db: XizmatDb, options: Parameters<typeof finaliseDraft>[5] = {}, owner = OWNER_SELF) {
  const draft = await startDraft(db, 'birth-certificate-copy', 1, owner);
  for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft.id, field, value);
  const result = await finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO, new Date(), options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.item;
}

/**
 * A server that judges citizens' proofs as the real one does for a service whose passport needs a
 * signed-in citizen: a signature by a live key over the id and the item as it travels without proofs.
 */
function judgingServer(sealPrivateKey: CryptoKey, live: Map<string, P256PublicJwk>, seen: SealedItem[] = []): typeof fetch {
  return async (_url, init) => {
    const { items } = JSON.parse(String(init?.body)) as { items: (SealedItem & { citizen?: CitizenProof })[] };
    const results = [];
    for (const wire of items) {
      seen.push(wire);
      await openSealed(wire.sealed, sealPrivateKey, wire.id);
      const { citizen: proof, ...bare } = wire;
      const key = proof && live.get(proof.keyId);
      const ok = key && await verifyCitizen(proof, wire.id, await citizenDigest(bare), key);
      const code = !proof ? 'identity_required' : !key ? 'identity_revoked' : 'identity_invalid';
      results.push(ok
        ? { id: wire.id, status: 201, receipt: { id: wire.id, number: 'XZ-2026-000001', receivedAt: '2026-12-01T10:00:00.000Z' } }
        : { id: wire.id, status: 403, error: { code, message: 'x' } });
    }
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe.each(SYNC_SIDES)('a citizen\'s sign-in on the phone, from $side', ({ sync }) => {
  it('keeps a key nobody can read out, which the other side of the phone still signs with', async () => {
    const db = testDb();
    const record = await signIn(db);
    await expect(crypto.subtle.exportKey('jwk', record.privateKey)).rejects.toThrow();
    const read = (await signedInCitizen(await sync(db)))!;
    expect(read).toMatchObject({ keyId: record.keyId, state: 'signed-in', session: { citizen: { pinfl: '31507900010013' } } });
    await expect(crypto.subtle.exportKey('pkcs8', read.privateKey)).rejects.toThrow();
    expect(read.privateKey.extractable).toBe(false);
  });

  it('signs the status read, and when the server ended the sign-in forgets it and asks again as only this phone', async () => {
    const db = testDb();
    const record = await signIn(db);
    const headers: (string | null)[] = [];
    const fetch: typeof globalThis.fetch = async (url, init) => {
      const header = new Headers(init?.headers).get(CITIZEN_HEADER);
      headers.push(header);
      expect(String(url)).toContain(`${STATUSES_PATH}?since=`);
      if (header) {
        const read = parseCitizenRead(header)!;
        expect(await verifyCitizenRead(read, 'GET', STATUSES_PATH, record.publicKey, Date.now())).toBe(true);
        return new Response(JSON.stringify({ error: { code: 'identity_revoked', message: 'x' } }), { status: 403 });
      }
      return new Response(JSON.stringify({ changes: [], cursor: '1', more: false } satisfies StatusesResponse), { status: 200 });
    };
    await syncStatuses(await sync(db), { fetch });
    expect(headers).toHaveLength(2);
    expect(headers[0]).not.toBeNull();
    expect(headers[1]).toBeNull();
    expect(await db.meta.get(CITIZEN_META)).toBeUndefined();
  });

  it('keeps the sign-in when a read is only refused as invalid (a clock far off), and still gets this phone\'s statuses', async () => {
    const db = testDb();
    await signIn(db);
    let asked = 0;
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      asked++;
      return new Headers(init?.headers).has(CITIZEN_HEADER)
        ? new Response(JSON.stringify({ error: { code: 'identity_invalid', message: 'x' } }), { status: 403 })
        : new Response(JSON.stringify({ changes: [], cursor: '1', more: false }), { status: 200 });
    };
    await syncStatuses(await sync(db), { fetch });
    expect(asked).toBe(2);
    expect(await readCitizen(db)).not.toBeNull();
  });

  it('sends an own application signed, and one refused for identity waits, then goes signed after the sign-in, its envelope unopened', async () => {
    const db = testDb();
    const sealPrivateKey = await withSealKey(db);
    const live = new Map<string, P256PublicJwk>();
    // Finalised before any sign-in: no proof, and the server needs one for this service.
    const unsigned = await finalised(db);
    expect(unsigned.citizen).toBeUndefined();
    await flushOutbox(await sync(db), { fetch: judgingServer(sealPrivateKey, live) });
    const refused = (await db.outbox.get(unsigned.id))!;
    expect(refused).toMatchObject({ state: 'needs_action', problem: { code: 'identity_required' }, payload: unsigned.payload });
    expect(await db.drafts.count()).toBe(0);
    expect(needingAction([refused], []).map((a) => a.reason)).toEqual(['identity']);

    const record = await signIn(db);
    live.set(record.keyId, record.publicKey);
    const signed = await signCitizenItems(db, record);
    expect(signed.map((row) => row.id)).toEqual([unsigned.id]);
    const queued = (await db.outbox.get(unsigned.id))!;
    expect(queued).toMatchObject({ state: 'queued', problem: null, payload: unsigned.payload, citizen: { keyId: record.keyId } });
    expect(await verifyCitizen(queued.citizen!, queued.id, await citizenDigest({ id: queued.id, sealed: JSON.parse(queued.payload!.body) }), record.publicKey)).toBe(true);

    // Finalised while signed in: the proof is there from the start.
    const own = await finalised(db, { citizen: record });
    expect(await verifyCitizen(own.citizen!, own.id, await citizenDigest({ id: own.id, sealed: JSON.parse(own.payload!.body) }), record.publicKey)).toBe(true);
    const seen: SealedItem[] = [];
    expect((await flushOutbox(await sync(db), { fetch: judgingServer(sealPrivateKey, live, seen) })).delivered).toBe(2);
    expect(seen.find((w) => w.id === own.id)).toEqual({ id: own.id, sealed: JSON.parse(own.payload!.body), citizen: own.citizen });
  });

  it('signed with a key whose sign-in ended, waits with that reason until the next sign-in signs it again', async () => {
    const db = testDb();
    const sealPrivateKey = await withSealKey(db);
    const before = await signIn(db);
    const item = await finalised(db, { citizen: before });
    await flushOutbox(await sync(db), { fetch: judgingServer(sealPrivateKey, new Map()) });
    expect(await db.outbox.get(item.id)).toMatchObject({ state: 'needs_action', problem: { code: 'identity_revoked' } });
    // The refusal says this phone's sign-in is over: it is forgotten, and the app offers a new one.
    expect(await readCitizen(db)).toBeNull();
    const after = await signIn(db);
    await signCitizenItems(db, after);
    expect((await flushOutbox(await sync(db), { fetch: judgingServer(sealPrivateKey, new Map([[after.keyId, after.publicKey]])) })).delivered).toBe(1);
  });
});

describe('a citizen\'s proof', () => {
  it('is never put on an application for someone else, nor by a new sign-in on a resident\'s', async () => {
    const db = testDb();
    await withSealKey(db);
    const record = await signIn(db);
    const onBehalf: SubmissionItem['onBehalf'] = {
      operatorId: 'op-1', resident: { name: 'Karimova Dilnoza' }, consent: { confirmedAt: '2026-11-30T09:00:00.000Z', method: 'typed', typedName: 'Karimova Dilnoza' },
    };
    const item = await finalised(db, { onBehalf, citizen: record }, residentOwner('r-1'));
    expect(item.citizen).toBeUndefined();
    await db.outbox.update(item.id, { state: 'needs_action', problem: { code: 'identity_required' } });
    expect(await signCitizenItems(db, record)).toEqual([]);
  });

  it('goes on the correction of an application returned to this citizen from another phone, which reopens here with no item of its own', async () => {
    const db = testDb();
    await withSealKey(db);
    const record = await signIn(db);
    const id = '01938a4e-0000-7000-8000-0000000000aa';
    const sealed = await sealReopen({ answers: VALID_ANSWERS }, (await replyKey(db)).publicKey, id);
    const page: StatusesResponse = {
      changes: [{ id, serviceId: 'birth-certificate-copy', number: 'XZ-2026-000042', status: 'returned', message: null, changedAt: '2026-12-01T09:00:00.000Z', revision: 1, reopenSealed: { formVersion: 1, sealed } }],
      cursor: '2', more: false,
    };
    await syncStatuses(db, { fetch: async () => new Response(JSON.stringify(page), { status: 200 }) });
    expect(await db.statuses.get(id)).toMatchObject({ owner: OWNER_SELF, status: 'returned' });
    expect(needingAction([], await db.statuses.toArray()).map((a) => a.reason)).toEqual(['returned']);
    const draft = (await db.drafts.get(id))!;
    expect(draft).toMatchObject({ owner: OWNER_SELF, revision: 2, answers: VALID_ANSWERS });
    const result = await finaliseDraft(db, id, SAMPLE_FORM, SAMPLE_SOATO, new Date(), { citizen: record });
    if (!result.ok) throw new Error('not finalised');
    expect(result.item.citizen?.keyId).toBe(record.keyId);
  });
});
