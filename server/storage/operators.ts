import { sql } from 'kysely';
import type { OnBehalf } from '../../src/contract/index';
import type { Engine } from './engine';
import {
  DELEGATION_KEY_COLUMNS, DEVICE_COLUMNS, OPERATOR_COLUMNS, SERVER_KEY_COLUMNS, TOKEN_COLUMNS, fromDeviceRows, hexPrefix, residentName,
  toDelegationKey, toOnBehalf, toOperator, toServerKey, toToken,
} from './operator-rows';
import type {
  DelegationKeyRecord, DeviceMatch, DeviceRecord, OperatorApplicationRecord, OperatorRecord, OperatorStorage, RefreshTokenRecord,
  ServerKeyRecord,
} from './operator-storage';
import type { Db } from './schema';

/** OperatorStorage on either engine; each write that reads first runs in one transaction. */
export class Operators implements OperatorStorage {
  private readonly db: Db;

  constructor(private readonly engine: Engine) {
    this.db = engine.db;
  }

  async addOperator(o: Omit<OperatorRecord, 'disabledAt'>): Promise<'added' | 'exists'> {
    const result = await this.db.insertInto('operators')
      .values({ id: o.id, username: o.username, display_name: o.displayName, password_hash: o.passwordHash, created_at: o.createdAt })
      .onConflict((oc) => oc.column('username').doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n ? 'added' : 'exists';
  }

  async findOperatorByUsername(username: string): Promise<OperatorRecord | null> {
    const row = await this.db.selectFrom('operators').select(OPERATOR_COLUMNS).where('username', '=', username).executeTakeFirst();
    return row ? toOperator(row) : null;
  }

  async findOperator(id: string): Promise<OperatorRecord | null> {
    const row = await this.db.selectFrom('operators').select(OPERATOR_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toOperator(row) : null;
  }

  async listOperators(): Promise<OperatorRecord[]> {
    return (await this.db.selectFrom('operators').select(OPERATOR_COLUMNS).orderBy('username').execute()).map(toOperator);
  }

  async disableOperator(username: string, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('operators').select('id').where('username', '=', username)
        .$if(this.engine.rowLocks, (q) => q.forUpdate()).executeTakeFirst();
      if (!row) return false;
      await trx.updateTable('operators').set({ disabled_at: (eb) => eb.fn.coalesce('disabled_at', eb.val(at)) }).where('id', '=', row.id).execute();
      await trx.updateTable('refresh_tokens').set({ revoked_at: at }).where('operator_id', '=', row.id).where('revoked_at', 'is', null).execute();
      return true;
    });
  }

  async bindDevice(deviceHash: string, operatorId: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('devices').values({ device_hash: deviceHash, operator_id: operatorId, bound_at: at })
        .onConflict((oc) => oc.column('device_hash').doUpdateSet((eb) => ({
          operator_id: eb.ref('excluded.operator_id'), bound_at: eb.ref('excluded.bound_at'),
        })))
        .execute();
      await trx.insertInto('device_operators').values({ device_hash: deviceHash, operator_id: operatorId, bound_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    });
  }

  async isDeviceRevoked(deviceHash: string): Promise<boolean> {
    const row = await this.db.selectFrom('devices').select(sql.lit(1).as('one'))
      .where('device_hash', '=', deviceHash).where('revoked_at', 'is not', null).executeTakeFirst();
    return row !== undefined;
  }

  async isDeviceBound(deviceHash: string, operatorId: string): Promise<boolean> {
    const row = await this.db.selectFrom('device_operators as b')
      .innerJoin('devices as d', 'd.device_hash', 'b.device_hash')
      .innerJoin('operators as o', 'o.id', 'b.operator_id')
      .select(sql.lit(1).as('one'))
      .where('b.device_hash', '=', deviceHash).where('b.operator_id', '=', operatorId)
      .where('d.revoked_at', 'is', null).where('o.disabled_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  async revokeDevices(match: DeviceMatch, at: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = 'hashPrefix' in match
        ? await trx.selectFrom('devices').select('device_hash')
          .where('device_hash', 'like', `${hexPrefix(match.hashPrefix)}%`).where('revoked_at', 'is', null)
          .$if(this.engine.rowLocks, (q) => q.forUpdate()).execute()
        : await trx.selectFrom('devices as d').innerJoin('device_operators as b', 'b.device_hash', 'd.device_hash')
          .select('d.device_hash').where('b.operator_id', '=', match.operatorId).where('d.revoked_at', 'is', null)
          .$if(this.engine.rowLocks, (q) => q.forUpdate('d')).execute();
      const hashes = rows.map((r) => r.device_hash);
      if (hashes.length === 0) return hashes;
      await trx.updateTable('devices').set({ revoked_at: at }).where('device_hash', 'in', hashes).execute();
      await trx.updateTable('refresh_tokens').set({ revoked_at: at }).where('device_hash', 'in', hashes).where('revoked_at', 'is', null).execute();
      return hashes;
    });
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return fromDeviceRows(await this.db.selectFrom('devices as d')
      .leftJoin('device_operators as b', 'b.device_hash', 'd.device_hash')
      .leftJoin('operators as o', 'o.id', 'b.operator_id')
      .select(DEVICE_COLUMNS)
      .orderBy('d.bound_at', 'desc').orderBy('d.device_hash').orderBy('o.username')
      .execute());
  }

  async insertRefreshToken(t: RefreshTokenRecord, db: Db = this.db): Promise<void> {
    await db.insertInto('refresh_tokens').values({
      id: t.id, family_id: t.familyId, operator_id: t.operatorId, device_hash: t.deviceHash, token_hash: t.tokenHash,
      created_at: t.createdAt, expires_at: t.expiresAt, revoked_at: t.revokedAt, rotated_to: t.rotatedTo,
    }).execute();
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const row = await this.db.selectFrom('refresh_tokens').select(TOKEN_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async rotateRefreshToken(oldId: string, next: RefreshTokenRecord, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // The row lock (PostgreSQL) or the writer lock (SQLite) makes a concurrent rotation of the same token wait, then find it revoked.
      const updated = await trx.updateTable('refresh_tokens').set({ revoked_at: at, rotated_to: next.id })
        .where('id', '=', oldId).where('revoked_at', 'is', null).executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) return false;
      await this.insertRefreshToken(next, trx);
      return true;
    });
  }

  async revokeRefreshToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async revokeRefreshFamily(familyId: string, at: string): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: at }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  }

  async isSignInLive(familyId: string, at: string): Promise<boolean> {
    const row = await this.db.selectFrom('refresh_tokens').select(sql.lit(1).as('one'))
      .where('family_id', '=', familyId).where('revoked_at', 'is', null).where('expires_at', '>', at)
      .limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async addDelegationKey(k: DelegationKeyRecord): Promise<boolean> {
    const result = await this.db.insertInto('delegation_keys').values({
      key_id: k.keyId, operator_id: k.operatorId, device_hash: k.deviceHash, family_id: k.familyId,
      public_jwk: JSON.stringify(k.publicKey), created_at: k.createdAt,
    }).onConflict((oc) => oc.column('key_id').doNothing()).executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  async findDelegationKey(keyId: string, at: string): Promise<{ key: DelegationKeyRecord; live: boolean } | null> {
    const row = await this.db.selectFrom('delegation_keys as k')
      .select(DELEGATION_KEY_COLUMNS)
      .select((eb) => eb.and([
        eb.exists(eb.selectFrom('refresh_tokens as t').select(sql.lit(1).as('one'))
          .whereRef('t.family_id', '=', 'k.family_id').where('t.revoked_at', 'is', null).where('t.expires_at', '>', at)),
        eb.not(eb.exists(eb.selectFrom('devices as d').select(sql.lit(1).as('one'))
          .whereRef('d.device_hash', '=', 'k.device_hash').where('d.revoked_at', 'is not', null))),
        eb.exists(eb.selectFrom('operators as o').select(sql.lit(1).as('one'))
          .whereRef('o.id', '=', 'k.operator_id').where('o.disabled_at', 'is', null)),
      ]).as('live'))
      .where('k.key_id', '=', keyId)
      .executeTakeFirst();
    return row ? toDelegationKey(row) : null;
  }

  async recordLoginFailure(subjects: string[], at: string, pruneBefore: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (subjects.length > 0) await trx.insertInto('login_failures').values(subjects.map((subject) => ({ subject, failed_at: at }))).execute();
      await trx.deleteFrom('login_failures').where('failed_at', '<', pruneBefore).execute();
    });
  }

  async loginFailures(subject: string, since: string): Promise<{ count: number; lastAt: string | null }> {
    const row = await this.db.selectFrom('login_failures')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('failed_at').as('last_at')])
      .where('subject', '=', subject).where('failed_at', '>=', since)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), lastAt: row.last_at ?? null };
  }

  async clearLoginFailures(subject: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('subject', '=', subject).execute();
  }

  async ensureServerKey(candidate: ServerKeyRecord): Promise<ServerKeyRecord> {
    return this.db.transaction().execute(async (trx) => {
      await this.engine.lock(trx, 'server-key');
      const newest = () => trx.selectFrom('server_keys').select(SERVER_KEY_COLUMNS).where('kind', '=', candidate.kind)
        .orderBy('created_at', 'desc').orderBy('key_id').limit(1).executeTakeFirst();
      const found = await newest();
      if (found) return toServerKey(found);
      await trx.insertInto('server_keys').values({
        key_id: candidate.keyId, kind: candidate.kind, private_jwk: candidate.privateJwk, public_jwk: candidate.publicJwk,
        created_at: candidate.createdAt,
      }).execute();
      return toServerKey((await newest())!);
    });
  }

  async serverKeys(kind: ServerKeyRecord['kind']): Promise<ServerKeyRecord[]> {
    return (await this.db.selectFrom('server_keys').select(SERVER_KEY_COLUMNS).where('kind', '=', kind)
      .orderBy('created_at', 'desc').execute()).map(toServerKey);
  }

  async onBehalfRecord(applicationId: string): Promise<OnBehalf | null> {
    return toOnBehalf(await this.db.selectFrom('submissions').select(['operator_id', 'on_behalf']).where('id', '=', applicationId).executeTakeFirst());
  }

  async operatorApplications(operatorId: string, limit: number): Promise<OperatorApplicationRecord[]> {
    return (await this.db.selectFrom('submissions')
      .select(['id', 'number', 'service_id', 'status', 'received_at', 'updated_at', 'on_behalf'])
      .where('operator_id', '=', operatorId).orderBy('seq', 'desc').limit(limit)
      .execute()).map(residentName);
  }
}
