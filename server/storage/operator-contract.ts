import { describe, expect, it } from 'vitest';
import { payloadHash } from '../submissions/payload-hash';
import { newId, validItem } from '../test-support/submission-fixtures';
import type { DelegationKeyRecord, RefreshTokenRecord, ServerKeyRecord } from './operator-storage';
import type { Storage } from './storage';
import { contractStores, type OpenContractStore } from './storage-contract';

const AT = '2026-04-10T06:00:00.000Z';
const LATER = '2026-04-10T07:00:00.000Z';
const DEVICE_A = 'a'.repeat(64);
const DEVICE_B = 'b'.repeat(64);

const operator = (username: string) => ({ id: newId(), username, displayName: username.toUpperCase(), passwordHash: 'scrypt$x', createdAt: AT });
const token = (o: { id: string }, overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  id: newId(), familyId: 'family-1', operatorId: o.id, deviceHash: DEVICE_A, tokenHash: newId(), createdAt: AT,
  expiresAt: LATER, revokedAt: null, rotatedTo: null, ...overrides,
});
const delegationKey = (o: { id: string }, keyId: string, overrides: Partial<DelegationKeyRecord> = {}): DelegationKeyRecord => ({
  keyId, operatorId: o.id, deviceHash: DEVICE_A, familyId: 'family-1', publicKey: { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) },
  createdAt: AT, ...overrides,
});
const sealKey = (keyId: string): ServerKeyRecord => ({ keyId, kind: 'seal', privateJwk: `{"d":"${keyId}"}`, publicJwk: '{}', createdAt: AT });

/** Operators, devices, refresh tokens, sign-in failures and server keys (shared phones, sealing), run against each adapter. */
export function operatorContract(adapter: string, open: OpenContractStore): void {
  const openStore = contractStores(open);
  const fresh = () => openStore(() => new Date(AT));

  describe(`${adapter}: operators`, () => {
    it('adds an operator once per username, finds, lists and disables it, revoking its refresh tokens', async () => {
      const { storage: { operators } } = await fresh();
      const ali = operator('ali');
      expect(await operators.addOperator(ali)).toBe('added');
      expect(await operators.addOperator({ ...operator('ali') })).toBe('exists');
      expect(await operators.findOperatorByUsername('ali')).toEqual({ ...ali, disabledAt: null });
      expect(await operators.findOperator(ali.id)).toEqual({ ...ali, disabledAt: null });
      expect(await operators.findOperatorByUsername('nobody')).toBeNull();
      await operators.addOperator(operator('bobur'));
      expect((await operators.listOperators()).map((o) => o.username)).toEqual(['ali', 'bobur']);
      const live = token(ali);
      await operators.insertRefreshToken(live);
      expect(await operators.disableOperator('ali', LATER)).toBe(true);
      expect(await operators.disableOperator('nobody', LATER)).toBe(false);
      expect((await operators.findOperator(ali.id))?.disabledAt).toBe(LATER);
      expect((await operators.findRefreshToken(live.tokenHash))?.revokedAt).toBe(LATER);
    });

    it('binds phones to operators, keeps every operator a phone was bound to, and revokes by prefix or by operator', async () => {
      const { storage: { operators } } = await fresh();
      const [ali, bobur] = [operator('ali'), operator('bobur')];
      await operators.addOperator(ali);
      await operators.addOperator(bobur);
      await operators.bindDevice(DEVICE_A, ali.id, AT);
      await operators.bindDevice(DEVICE_A, bobur.id, LATER);
      await operators.bindDevice(DEVICE_B, bobur.id, AT);
      expect(await operators.isDeviceBound(DEVICE_A, ali.id)).toBe(true);
      expect(await operators.isDeviceBound(DEVICE_A, bobur.id)).toBe(true);
      expect(await operators.isDeviceBound(DEVICE_B, ali.id)).toBe(false);
      expect(await operators.listDevices()).toEqual([
        { deviceHash: DEVICE_A, operatorId: bobur.id, operators: ['ali', 'bobur'], boundAt: LATER, revokedAt: null },
        { deviceHash: DEVICE_B, operatorId: bobur.id, operators: ['bobur'], boundAt: AT, revokedAt: null },
      ]);
      const tokenOnA = token(ali);
      await operators.insertRefreshToken(tokenOnA);
      expect(await operators.revokeDevices({ hashPrefix: 'aaaa' }, LATER)).toEqual([DEVICE_A]);
      expect(await operators.isDeviceRevoked(DEVICE_A)).toBe(true);
      expect(await operators.isDeviceRevoked(DEVICE_B)).toBe(false);
      expect(await operators.isDeviceBound(DEVICE_A, ali.id)).toBe(false);
      expect((await operators.findRefreshToken(tokenOnA.tokenHash))?.revokedAt).toBe(LATER);
      expect(await operators.revokeDevices({ operatorId: bobur.id }, LATER)).toEqual([DEVICE_B]);
      expect(await operators.isDeviceRevoked(DEVICE_B)).toBe(true);
      expect(await operators.isDeviceRevoked('c'.repeat(64))).toBe(false);
    });

    it('does not count a disabled operator as bound', async () => {
      const { storage: { operators } } = await fresh();
      const ali = operator('ali');
      await operators.addOperator(ali);
      await operators.bindDevice(DEVICE_A, ali.id, AT);
      await operators.disableOperator('ali', LATER);
      expect(await operators.isDeviceBound(DEVICE_A, ali.id)).toBe(false);
    });

    it('rotates a live refresh token once; the second rotation fails, and a family is revoked together', async () => {
      const store = await fresh();
      const { operators } = store.storage;
      const twin = await store.openTwin();
      const ali = operator('ali');
      await operators.addOperator(ali);
      const first = token(ali);
      await operators.insertRefreshToken(first);
      const [a, b] = [token(ali), token(ali)];
      const results = await Promise.all([operators.rotateRefreshToken(first.id, a, LATER), twin.operators.rotateRefreshToken(first.id, b, LATER)]);
      expect([...results].sort()).toEqual([false, true]);
      const winner = results[0] ? a : b;
      expect(await operators.findRefreshToken(first.tokenHash)).toMatchObject({ revokedAt: LATER, rotatedTo: winner.id });
      expect(await operators.findRefreshToken((results[0] ? b : a).tokenHash)).toBeNull();
      await operators.revokeRefreshFamily('family-1', LATER);
      expect((await operators.findRefreshToken(winner.tokenHash))?.revokedAt).toBe(LATER);
      const other = token(ali, { familyId: 'family-2' });
      await operators.insertRefreshToken(other);
      await operators.revokeRefreshToken(other.id, LATER);
      expect((await operators.findRefreshToken(other.tokenHash))?.revokedAt).toBe(LATER);
    });

    it('says a sign-in lasts while one of its refresh tokens is neither revoked nor expired', async () => {
      const { storage: { operators } } = await fresh();
      const ali = operator('ali');
      await operators.addOperator(ali);
      const first = token(ali);
      await operators.insertRefreshToken(first);
      expect(await operators.isSignInLive('family-1', AT)).toBe(true);
      expect(await operators.isSignInLive('family-1', LATER)).toBe(false);
      expect(await operators.isSignInLive('family-2', AT)).toBe(false);
      // Rotated, the sign-in lives on in its next token; revoked as a whole, it ends.
      await operators.rotateRefreshToken(first.id, token(ali), AT);
      expect(await operators.isSignInLive('family-1', AT)).toBe(true);
      await operators.revokeRefreshFamily('family-1', AT);
      expect(await operators.isSignInLive('family-1', AT)).toBe(false);
    });

    it('keeps a delegation key once and says it is live only while its sign-in, phone and operator are', async () => {
      const { storage: { operators } } = await fresh();
      const [ali, bobur] = [operator('ali'), operator('bobur')];
      await operators.addOperator(ali);
      await operators.addOperator(bobur);
      await operators.bindDevice(DEVICE_A, ali.id, AT);
      await operators.bindDevice(DEVICE_B, bobur.id, AT);
      await operators.insertRefreshToken(token(ali));
      await operators.insertRefreshToken(token(bobur, { familyId: 'family-2', deviceHash: DEVICE_B }));
      await operators.insertRefreshToken(token(ali, { familyId: 'family-3', deviceHash: DEVICE_B }));
      const [signedOut, revokedPhone, disabled] = [
        delegationKey(ali, 'k1'), delegationKey(bobur, 'k2', { familyId: 'family-2', deviceHash: DEVICE_B }),
        delegationKey(ali, 'k3', { familyId: 'family-3', deviceHash: DEVICE_B }),
      ];
      for (const key of [signedOut, revokedPhone, disabled]) expect(await operators.addDelegationKey(key)).toBe(true);
      expect(await operators.addDelegationKey({ ...signedOut, operatorId: bobur.id })).toBe(false);
      expect(await operators.findDelegationKey('k1', AT)).toEqual({ key: signedOut, live: true });
      expect(await operators.findDelegationKey('unknown', AT)).toBeNull();
      // Each way a sign-in ends takes its key with it: sign-out (the family), expiry, a revoked phone, a disabled operator.
      await operators.revokeRefreshFamily('family-1', AT);
      expect(await operators.findDelegationKey('k1', AT)).toEqual({ key: signedOut, live: false });
      expect(await operators.findDelegationKey('k2', LATER)).toEqual({ key: revokedPhone, live: false });
      expect((await operators.findDelegationKey('k2', AT))?.live).toBe(true);
      await operators.revokeDevices({ hashPrefix: 'bbbb' }, AT);
      expect((await operators.findDelegationKey('k2', AT))?.live).toBe(false);
      await operators.insertRefreshToken(token(ali, { familyId: 'family-4' }));
      await operators.addDelegationKey(delegationKey(ali, 'k4', { familyId: 'family-4' }));
      expect((await operators.findDelegationKey('k4', AT))?.live).toBe(true);
      await operators.disableOperator('ali', AT);
      expect((await operators.findDelegationKey('k4', AT))?.live).toBe(false);
      expect((await operators.findDelegationKey('k3', AT))?.live).toBe(false);
    });

    it('counts sign-in failures per subject since a time, prunes old ones, and clears them', async () => {
      const { storage: { operators } } = await fresh();
      await operators.recordLoginFailure(['user:ali', `device:${DEVICE_A}`], '2026-04-10T05:00:00.000Z', '2026-04-10T00:00:00.000Z');
      await operators.recordLoginFailure(['user:ali'], AT, '2026-04-10T00:00:00.000Z');
      expect(await operators.loginFailures('user:ali', '2026-04-10T04:00:00.000Z')).toEqual({ count: 2, lastAt: AT });
      expect(await operators.loginFailures('user:ali', '2026-04-10T05:30:00.000Z')).toEqual({ count: 1, lastAt: AT });
      expect(await operators.loginFailures(`device:${DEVICE_A}`, '2026-04-10T04:00:00.000Z')).toEqual({ count: 1, lastAt: '2026-04-10T05:00:00.000Z' });
      await operators.recordLoginFailure(['user:bobur'], LATER, '2026-04-10T05:30:00.000Z');
      expect((await operators.loginFailures(`device:${DEVICE_A}`, '2026-04-10T00:00:00.000Z')).count).toBe(0);
      await operators.clearLoginFailures('user:ali');
      expect(await operators.loginFailures('user:ali', '2026-04-10T00:00:00.000Z')).toEqual({ count: 0, lastAt: null });
    });

    it('keeps the first server key stored when two instances each bring their own at once', async () => {
      const store = await fresh();
      const twin = await store.openTwin();
      const [mine, theirs] = await Promise.all([store.storage.operators.ensureServerKey(sealKey('one')), twin.operators.ensureServerKey(sealKey('two'))]);
      expect(mine).toEqual(theirs);
      expect(await store.storage.operators.serverKeys('seal')).toEqual([mine]);
      expect(await store.storage.operators.serverKeys('token')).toEqual([]);
    });

    it('stores who applied for whom and lists an operator\'s applications only', async () => {
      const { storage } = await fresh();
      const ali = operator('ali');
      const onBehalf = { operatorId: ali.id, resident: { name: 'Dilnoza Karimova' }, consent: { confirmedAt: AT, method: 'typed' as const, typedName: 'Dilnoza Karimova' } };
      const mine = validItem({ onBehalf });
      const theirs = validItem({ onBehalf: { ...onBehalf, operatorId: newId() } });
      const own = validItem();
      for (const item of [mine, theirs, own]) await storage.saveSubmission(item, payloadHash(item), DEVICE_A);
      expect((await storage.findReceipt(mine.id))?.operatorId).toBe(ali.id);
      expect((await storage.findReceipt(own.id))?.operatorId).toBeNull();
      expect(await storage.operators.onBehalfRecord(mine.id)).toEqual(onBehalf);
      expect(await storage.operators.onBehalfRecord(own.id)).toBeNull();
      expect(await storage.operators.operatorApplications(ali.id, 10)).toEqual([{
        id: mine.id, number: 'XZ-2026-000001', serviceId: mine.serviceId, status: 'received', receivedAt: AT, updatedAt: AT, residentName: 'Dilnoza Karimova',
      }]);
      // The agency's list (admin command, back office) shows who applied for whom.
      const listed = await storage.findApplications({ limit: 10 });
      expect(listed.find((a) => a.id === mine.id)?.onBehalf).toEqual(onBehalf);
      expect(listed.find((a) => a.id === own.id)?.onBehalf).toBeNull();
    });
  });
}
