import { sql } from 'kysely';
import { publicMembers, type P256PublicJwk } from '../../src/contract/index';
import type { CitizenKeyRecord, CitizenRecord, CitizenStorage, PendingSignIn, TakeSignIn } from './citizen-storage';
import type { Engine } from './engine';
import type { Db } from './schema';

const CITIZEN_COLUMNS = ['id', 'pinfl', 'last_name', 'first_name', 'middle_name', 'birth_date', 'phone', 'passport', 'updated_at'] as const;
const KEY_COLUMNS = ['key_id', 'citizen_id', 'device_hash', 'public_key', 'reply_key', 'provider', 'created_at', 'revoked_at'] as const;

/** CitizenStorage on either engine; each write that reads first runs in one transaction. */
export class Citizens implements CitizenStorage {
  private readonly db: Db;

  constructor(private readonly engine: Engine) {
    this.db = engine.db;
  }

  async startSignIn(s: PendingSignIn): Promise<void> {
    await this.db.insertInto('citizen_sign_ins').values({
      state_hash: s.stateHash, browser_hash: s.browserHash, device_hash: s.deviceHash, key_id: s.keyId,
      public_key: JSON.stringify(publicMembers(s.publicKey)), reply_key: JSON.stringify(publicMembers(s.replyKey)), carry: s.carry,
      created_at: s.createdAt, expires_at: s.expiresAt, used_at: null,
    }).execute();
  }

  takeSignIn(stateHash: string, at: string): Promise<TakeSignIn> {
    return this.db.transaction().execute(async (trx): Promise<TakeSignIn> => {
      const row = await trx.selectFrom('citizen_sign_ins').selectAll().where('state_hash', '=', stateHash)
        .$if(this.engine.rowLocks, (q) => q.forUpdate()).executeTakeFirst();
      if (!row) return { kind: 'unknown' };
      if (row.used_at !== null) return { kind: 'used' };
      // Used even when expired: a late return must not be tried again.
      const taken = await trx.updateTable('citizen_sign_ins').set({ used_at: at }).where('state_hash', '=', stateHash).where('used_at', 'is', null).executeTakeFirst();
      if (taken.numUpdatedRows !== 1n) return { kind: 'used' };
      if (row.expires_at <= at) return { kind: 'expired' };
      return {
        kind: 'taken',
        signIn: {
          stateHash, browserHash: row.browser_hash, deviceHash: row.device_hash, keyId: row.key_id, publicKey: JSON.parse(row.public_key) as P256PublicJwk,
          replyKey: JSON.parse(row.reply_key) as P256PublicJwk, carry: row.carry, createdAt: row.created_at, expiresAt: row.expires_at,
        },
      };
    });
  }

  keepCitizen(identity: Parameters<CitizenStorage['keepCitizen']>[0], at: string): Promise<CitizenRecord> {
    return this.db.transaction().execute(async (trx) => {
      const values = {
        last_name: identity.lastName, first_name: identity.firstName, middle_name: identity.middleName, birth_date: identity.birthDate,
        phone: identity.phone, passport: identity.passport, updated_at: at,
      };
      await trx.insertInto('citizens').values({ id: crypto.randomUUID(), pinfl: identity.pinfl, created_at: at, ...values })
        .onConflict((oc) => oc.column('pinfl').doUpdateSet(values)).execute();
      const row = await trx.selectFrom('citizens').select(CITIZEN_COLUMNS).where('pinfl', '=', identity.pinfl).executeTakeFirstOrThrow();
      return toCitizen(row);
    });
  }

  async findCitizen(id: string): Promise<CitizenRecord | null> {
    const row = await this.db.selectFrom('citizens').select(CITIZEN_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toCitizen(row) : null;
  }

  async addKey(k: Omit<CitizenKeyRecord, 'revokedAt'>): Promise<boolean> {
    const result = await this.db.insertInto('citizen_keys').values({
      key_id: k.keyId, citizen_id: k.citizenId, device_hash: k.deviceHash, public_key: JSON.stringify(publicMembers(k.publicKey)),
      reply_key: k.replyKey ? JSON.stringify(publicMembers(k.replyKey)) : null, provider: k.provider, created_at: k.createdAt, revoked_at: null,
    }).onConflict((oc) => oc.column('key_id').doNothing()).executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  async findKey(keyId: string): Promise<{ key: CitizenKeyRecord; live: boolean } | null> {
    const row = await this.db.selectFrom('citizen_keys').select(KEY_COLUMNS).where('key_id', '=', keyId).executeTakeFirst();
    if (!row) return null;
    const key = toKey(row);
    return { key, live: key.revokedAt === null && !(await this.deviceRevoked(key.deviceHash)) };
  }

  async liveKeys(citizenId: string): Promise<CitizenKeyRecord[]> {
    const rows = await this.db.selectFrom('citizen_keys').select(KEY_COLUMNS)
      .where('citizen_id', '=', citizenId).where('revoked_at', 'is', null).orderBy('created_at').execute();
    const keys = rows.map(toKey);
    const revoked = await Promise.all(keys.map((key) => this.deviceRevoked(key.deviceHash)));
    return keys.filter((_, i) => !revoked[i]);
  }

  async revokeKey(keyId: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('citizen_keys').set({ revoked_at: at }).where('key_id', '=', keyId).where('revoked_at', 'is', null).executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async forgetSignIns(before: string): Promise<number> {
    const result = await this.db.deleteFrom('citizen_sign_ins').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** An admin's device-revoke (operators.ts) ends every citizen key of that phone too. */
  private async deviceRevoked(deviceHash: string): Promise<boolean> {
    const row = await this.db.selectFrom('devices').select(sql.lit(1).as('one'))
      .where('device_hash', '=', deviceHash).where('revoked_at', 'is not', null).executeTakeFirst();
    return row !== undefined;
  }
}

type CitizenRow = { id: string; pinfl: string; last_name: string; first_name: string; middle_name: string | null; birth_date: string | null; phone: string | null; passport: string | null; updated_at: string };

function toCitizen(r: CitizenRow): CitizenRecord {
  return {
    id: r.id, pinfl: r.pinfl, lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name, birthDate: r.birth_date,
    phone: r.phone, passport: r.passport, updatedAt: r.updated_at,
  };
}

type KeyRow = { key_id: string; citizen_id: string; device_hash: string; public_key: string; reply_key: string | null; provider: string; created_at: string; revoked_at: string | null };

function toKey(r: KeyRow): CitizenKeyRecord {
  return {
    keyId: r.key_id, citizenId: r.citizen_id, deviceHash: r.device_hash, publicKey: JSON.parse(r.public_key) as P256PublicJwk,
    replyKey: r.reply_key ? (JSON.parse(r.reply_key) as P256PublicJwk) : null, provider: r.provider, createdAt: r.created_at, revokedAt: r.revoked_at,
  };
}
