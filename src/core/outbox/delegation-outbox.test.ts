import { describe, expect, it } from 'vitest';
import {
  DELEGATION_KEY_ALGORITHM, delegationDigest, jwkThumbprint, openSealed, publicMembers, verifyDelegation,
  type DelegationProof, type P256PublicJwk, type SealKey, type SealedItem, type SubmissionItem,
} from '../../contract/index';
import { SAMPLE_FORM, SAMPLE_SOATO, VALID_ANSWERS } from '../../contract/test-support/sample-form';
import { operatorOwner, residentOwner } from '../db/records';
import type { XizmatDb } from '../db/xizmat-db';
import { saveAnswer } from '../drafts/save-answer';
import { startDraft } from '../drafts/start-draft';
import { exportHandover } from '../handover/export-handover';
import { importHandover } from '../handover/import-handover';
import { SEAL_KEY_META } from '../sync/fetch-seal-key';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { testDb } from '../test-support/test-db';
import { adoptOrphans } from './adopt-orphans';
import { finaliseDraft } from './finalise-draft';
import { flushOutbox, type FlushOptions } from './flush-outbox';
import { signItemAgain, type DelegationSigner } from './sign-item';

const OPERATOR = 'op-1';
const RESIDENT = residentOwner('r-1');

async function withSealKey(db: XizmatDb): Promise<CryptoKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const key: SealKey = { keyId: 'test-1', publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } };
  await db.meta.put({ key: SEAL_KEY_META, value: key });
  return pair.privateKey;
}

/** A signed-in operator's key, as the server keeps its public half. */
async function signer(operatorId = OPERATOR): Promise<DelegationSigner & { publicKey: P256PublicJwk }> {
  const pair = await crypto.subtle.generateKey(DELEGATION_KEY_ALGORITHM, false, ['sign', 'verify']);
  const publicKey = publicMembers(await crypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk);
  return { operatorId, keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}

const onBehalf = (operatorId = OPERATOR): NonNullable<SubmissionItem['onBehalf']> => ({
  operatorId, resident: { name: 'Karimova Dilnoza' }, consent: { confirmedAt: '2026-11-30T09:00:00.000Z', method: 'typed', typedName: 'Karimova Dilnoza' },
});

async function finalisedFor(db: XizmatDb, by: DelegationSigner) {
  const draft = await startDraft(db, 'birth-certificate-copy', 1, RESIDENT);
  for (const [field, value] of Object.entries(VALID_ANSWERS)) await saveAnswer(db, draft.id, field, value);
  const result = await finaliseDraft(db, draft.id, SAMPLE_FORM, SAMPLE_SOATO, new Date(), { onBehalf: onBehalf(by.operatorId), delegation: by });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.item;
}

/**
 * A server that judges proofs as the real one does: a signature by a live key of the operator the
 * sealed application names, over the id and envelope as sent.
 */
function judgingServer(privateKey: CryptoKey, live: Map<string, P256PublicJwk>, seen: SealedItem[] = []): typeof fetch {
  return async (_url, init) => {
    const { items } = JSON.parse(String(init?.body)) as { items: SealedItem[] };
    const results = [];
    for (const wire of items) {
      seen.push(wire);
      const item = (await openSealed(wire.sealed, privateKey, wire.id)) as SubmissionItem;
      const proof = wire.delegation as DelegationProof | undefined;
      const key = proof && live.get(proof.keyId);
      const ok = key && proof.operatorId === item.onBehalf?.operatorId && await verifyDelegation(proof, wire.id, await delegationDigest(wire), key);
      results.push(ok
        ? { id: wire.id, status: 201, receipt: { id: wire.id, number: 'XZ-2026-000001', receivedAt: '2026-11-30T10:00:00.000Z' } }
        : { id: wire.id, status: 403, error: { code: proof && !key ? 'delegation_revoked' : 'delegation_invalid', message: 'x' } });
    }
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe.each(SYNC_SIDES)('on-behalf applications and the operator\'s proof, from $side', ({ sync }) => {
  const flush = async (db: XizmatDb, options?: FlushOptions) => flushOutbox(await sync(db), options);

  it('carry the operator\'s signature beside the sealed envelope, over its id and envelope, and are delivered', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const by = await signer();
    const item = await finalisedFor(db, by);
    expect(item.delegation).toMatchObject({ operatorId: OPERATOR, keyId: by.keyId });
    const seen: SealedItem[] = [];
    const report = await flush(db, { fetch: judgingServer(privateKey, new Map([[by.keyId, by.publicKey]]), seen) });
    expect(report.delivered).toBe(1);
    expect(seen[0]).toEqual({ id: item.id, sealed: JSON.parse(item.payload!.body), delegation: item.delegation });
  });

  it('refused for a proof whose sign-in ended, need action with the reason, and go as they were once the operator signs them again', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const before = await signer();
    const item = await finalisedFor(db, before);
    // Signed out before it was sent: the server no longer holds that key as live.
    const live = new Map<string, P256PublicJwk>();
    await flush(db, { fetch: judgingServer(privateKey, live) });
    const refused = (await db.outbox.get(item.id))!;
    expect(refused).toMatchObject({ state: 'needs_action', problem: { code: 'delegation_revoked' }, payload: item.payload });
    expect(await db.drafts.count()).toBe(0);

    // Another operator may not sign it; the one it names, signed in again, may.
    expect(await signItemAgain(db, item.id, await signer('op-2'), null)).toBeNull();
    const after = await signer();
    live.set(after.keyId, after.publicKey);
    const signed = await signItemAgain(db, item.id, after, null);
    expect(signed).toMatchObject({ state: 'queued', problem: null, payload: item.payload, delegation: { keyId: after.keyId } });
    expect((await flush(db, { fetch: judgingServer(privateKey, live) })).delivered).toBe(1);
  });

  it('from before proofs are signed again by the operator of the resident they belong to', async () => {
    const db = testDb();
    const privateKey = await withSealKey(db);
    const item = await finalisedFor(db, await signer());
    await db.outbox.update(item.id, { delegation: undefined, state: 'needs_action', problem: { code: 'delegation_invalid' } });
    const now = await signer();
    expect(await signItemAgain(db, item.id, now, 'op-2')).toBeNull();
    expect(await signItemAgain(db, item.id, now, OPERATOR)).toMatchObject({ state: 'queued' });
    expect((await flush(db, { fetch: judgingServer(privateKey, new Map([[now.keyId, now.publicKey]])) })).delivered).toBe(1);
  });

  it('travel in a hand-over file with their proof, and another phone delivers them', async () => {
    const phoneA = testDb();
    const phoneB = testDb();
    const privateKey = await withSealKey(phoneA);
    const by = await signer();
    const item = await finalisedFor(phoneA, by);
    const exported = await exportHandover(phoneA, [item.id], RESIDENT);
    if (!exported.ok) throw new Error(exported.problem);
    await importHandover(phoneB, exported.text, 'self');
    expect((await phoneB.outbox.get(item.id))?.delegation).toEqual(item.delegation);
    expect((await flush(phoneB, { fetch: judgingServer(privateKey, new Map([[by.keyId, by.publicKey]])) })).delivered).toBe(1);
  });
});

describe('on-behalf applications', () => {
  it('whose resident was wiped come back under their operator when it signs in again; delivered ones and another operator\'s stay', async () => {
    const db = testDb();
    await withSealKey(db);
    const mine = await finalisedFor(db, await signer());
    const done = await finalisedFor(db, await signer());
    const theirs = await finalisedFor(db, await signer('op-2'));
    await db.outbox.update(done.id, { state: 'delivered' });
    await db.residents.put({ id: 'r-2', operator: OPERATOR, sealed: { iv: 'a', ct: 'b' }, createdAt: '2026-11-30T09:00:00.000Z' });
    const kept = await finalisedFor(db, await signer());
    await db.outbox.update(kept.id, { owner: residentOwner('r-2') });
    expect(await adoptOrphans(db, OPERATOR)).toBe(1);
    expect((await db.outbox.get(mine.id))?.owner).toBe(operatorOwner(OPERATOR));
    expect((await db.outbox.get(done.id))?.owner).toBe(RESIDENT);
    expect((await db.outbox.get(theirs.id))?.owner).toBe(RESIDENT);
    expect((await db.outbox.get(kept.id))?.owner).toBe(residentOwner('r-2'));
  });
});
