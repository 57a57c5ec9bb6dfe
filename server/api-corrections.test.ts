import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_PATHS, DEVICE_KEY_HEADER, openReopen, sealJson, type ItemResult, type SealKey, type StatusesResponse, type SubmissionItem } from '../src/contract/index';
import type { TestServer } from './test-support/start-test-server';
import { STORE_KINDS, storeServers, type StoreKind } from './test-support/store-servers';
import { postJson, validItem } from './test-support/submission-fixtures';
import { addOperator, newDeviceKey, newReplyKey, onBehalfOf, signInDelegating, vouched } from './test-support/operator-fixtures';

const stores = storeServers();
afterEach(() => stores.closeAll());

/** One batch from a phone (or, with null, from no phone at all); its per-item results. */
async function send(server: TestServer, items: unknown[], deviceKey: string | null): Promise<ItemResult[]> {
  const response = await postJson(server.origin, { items }, deviceKey ? { [DEVICE_KEY_HEADER]: deviceKey } : {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: ItemResult[] }).results;
}

/** A result with its id blanked, to compare the answers about two different ids. */
const blankId = (result: ItemResult | undefined) => ({ ...result, id: '' });

async function returnForCorrection(server: TestServer, id: string): Promise<void> {
  expect(await server.storage.moveStatus({ application: id, to: 'returned', message: { en: 'Check the birth date.' }, actor: 'test' }))
    .toMatchObject({ kind: 'moved' });
}

const corrected = (item: SubmissionItem, revision = 2): SubmissionItem =>
  ({ ...item, revision, answers: { ...item.answers, fullName: `Dilnoza Karimova-Saidova ${revision}` } });

describe.each<StoreKind>(STORE_KINDS)('corrections and stored ids on %s', (kind) => {
  it('takes a correction only from the phone that sent revision 1; anyone else is answered as for an id it never saw, and nothing changes', async () => {
    const server = await stores.start(kind);
    const [applicant, stranger] = [newDeviceKey(), newDeviceKey()];
    const item = validItem();
    const [created] = await send(server, [item], applicant);
    if (created?.status !== 201) throw new Error('not stored');
    await returnForCorrection(server, item.id);
    const before = await server.storage.findReceipt(item.id);

    const unknown = validItem();
    const [forUnknown] = await send(server, [corrected(unknown)], stranger);
    expect(forUnknown).toMatchObject({ status: 422, error: { code: 'not_returned' } });
    for (const phone of [stranger, null]) {
      const [refused] = await send(server, [corrected(item)], phone);
      expect(blankId(refused)).toEqual(blankId(forUnknown));
    }
    expect(await server.storage.findReceipt(item.id)).toEqual(before);

    // The applicant's own correction is not spoiled: taken as the same application.
    expect((await send(server, [corrected(item)], applicant))[0]).toEqual({ id: item.id, status: 201, receipt: created.receipt });
    expect(await server.storage.findReceipt(item.id)).toMatchObject({ revision: 2, status: 'received' });
  });

  it('gives an earlier revision\'s receipt only to the applicant, and answers anyone else\'s answers under a stored id as under a new one', async () => {
    const server = await stores.start(kind);
    const [applicant, stranger] = [newDeviceKey(), newDeviceKey()];
    const item = validItem();
    const [created] = await send(server, [item], applicant);
    await returnForCorrection(server, item.id);
    await send(server, [corrected(item)], applicant);
    const receipt = created && 'receipt' in created ? created.receipt : null;

    // Revision 1 with any answers: the applicant's late retry gets its receipt, nobody else does.
    const otherAnswers = { ...item, answers: { ...item.answers, fullName: 'Someone Else' } };
    expect((await send(server, [otherAnswers], applicant))[0]).toEqual({ id: item.id, status: 200, receipt });
    expect((await send(server, [otherAnswers], stranger))[0]).toMatchObject({ status: 422, error: { code: 'id_reused' } });
    // Bad answers: the same refusal as for an id nobody ever sent.
    const bad = (id: string) => ({ ...validItem(), id, answers: { ...item.answers, pinfl: '123', reason: 'stolen' } });
    const fresh = validItem().id;
    const [onStored, onFresh] = await send(server, [bad(item.id), bad(fresh)], stranger);
    expect(onStored).toMatchObject({ status: 422, error: { code: 'validation_failed' } });
    expect(blankId(onStored)).toEqual(blankId(onFresh));
    expect(await server.storage.findReceipt(fresh)).toBeNull();
    expect(await server.storage.findReceipt(item.id)).toMatchObject({ revision: 2 });
  });

  it('keeps the phone\'s own retries as they were: its payload again gets the receipt, another payload id_reused', async () => {
    const server = await stores.start(kind);
    const phone = newDeviceKey();
    const item = validItem();
    const [created] = await send(server, [item], phone);
    const receipt = created && 'receipt' in created ? created.receipt : null;
    expect(await send(server, [item], phone)).toEqual([{ id: item.id, status: 200, receipt }]);
    expect((await send(server, [{ ...item, answers: { phone: 'nonsense' } }], phone))[0]).toMatchObject({ status: 422, error: { code: 'id_reused' } });
    // Another phone carrying the very same application (a hand-over file) gets the receipt too.
    expect(await send(server, [item], newDeviceKey())).toEqual([{ id: item.id, status: 200, receipt }]);
  });

  it('takes an on-behalf correction from its operator on another phone with a valid proof, and from nobody else', async () => {
    const server = await stores.start(kind);
    const [x, y] = [await addOperator(server.storage, 'operator-x'), await addOperator(server.storage, 'operator-y')];
    const [first, second, third] = [newDeviceKey(), newDeviceKey(), newDeviceKey()];
    const onFirst = (await signInDelegating(server.origin, 'operator-x', first)).delegation;
    const onSecond = (await signInDelegating(server.origin, 'operator-x', second)).delegation;
    const ofY = (await signInDelegating(server.origin, 'operator-y', third)).delegation;
    const item = validItem({ onBehalf: onBehalfOf(x) });
    const [created] = await send(server, [await vouched(item, onFirst)], first);
    await returnForCorrection(server, item.id);

    // Another operator's proof, for x's application or re-addressed to itself: answered as for an unknown id.
    expect((await send(server, [await vouched(corrected(item), ofY)], third))[0]).toMatchObject({ status: 422, error: { code: 'not_returned' } });
    const asY = { ...corrected(item), onBehalf: onBehalfOf(y) };
    expect((await send(server, [await vouched(asY, ofY)], third))[0]).toMatchObject({ status: 422, error: { code: 'not_returned' } });
    // The first phone without a proof: it is the applicant, but an on-behalf correction needs the operator's word.
    expect((await send(server, [corrected(item)], first))[0]).toMatchObject({ status: 403, error: { code: 'delegation_invalid' } });
    expect(await server.storage.findReceipt(item.id)).toMatchObject({ revision: 1, status: 'returned' });

    const [revised] = await send(server, [await vouched(corrected(item), onSecond)], second);
    expect(revised).toEqual({ id: item.id, status: 201, receipt: created && 'receipt' in created ? created.receipt : null });
  });

  it('sends a returned application\'s answers only sealed to the reply key it carried; none for one that carried no key', async () => {
    const server = await stores.start(kind);
    const phone = newDeviceKey();
    const reply = await newReplyKey();
    const sealKey = (await (await fetch(`${server.origin}${AUTH_PATHS.sealKey}`)).json()) as SealKey;
    const item = validItem({ replyKey: reply.publicKey });
    const keyless = validItem();
    await send(server, [{ id: item.id, sealed: await sealJson(item, sealKey, item.id) }, keyless], phone);
    for (const { id } of [item, keyless]) await returnForCorrection(server, id);

    const response = await fetch(`${server.origin}/api/v1/statuses`, { headers: { [DEVICE_KEY_HEADER]: phone } });
    const text = await response.text();
    // The device key alone reads no answer: neither the PINFL nor a name travels in clear.
    for (const secret of [item.answers.pinfl, item.answers.fullName, keyless.answers.fullName]) expect(text).not.toContain(secret as string);
    const { changes } = JSON.parse(text) as StatusesResponse;
    const sealed = changes.find((c) => c.id === item.id)!;
    expect(sealed).toMatchObject({ status: 'returned', reopenSealed: { formVersion: 1 } });
    expect(await openReopen(sealed.reopenSealed!.sealed, reply.privateKey, item.id)).toEqual({ answers: item.answers });
    expect(changes.find((c) => c.id === keyless.id)).toMatchObject({ status: 'returned', message: { en: 'Check the birth date.' } });
    expect(changes.find((c) => c.id === keyless.id)!.reopenSealed).toBeUndefined();
  });
});
