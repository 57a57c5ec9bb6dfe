import type pg from 'pg';
import type { OnBehalf } from '../../src/contract/index';
import type {
  DelegationKeyRecord, DeviceMatch, DeviceRecord, OperatorApplicationRecord, OperatorRecord, OperatorStorage, RefreshTokenRecord,
  ServerKeyRecord,
} from './operator-storage';
import {
  DELEGATION_KEY_COLUMNS, DEVICE_COLUMNS, OPERATOR_COLUMNS, SERVER_KEY_COLUMNS, TOKEN_COLUMNS, delegationKeyLive, fromDeviceRows, hexPrefix,
  residentName, toDelegationKey, toOnBehalf, toOperator, toServerKey, toToken, type DelegationKeyRow, type DeviceRow,
  type OperatorApplicationRow, type OperatorRow, type ServerKeyRow, type TokenRow,
} from './operator-rows';
import { postgresTransaction } from './postgres-transaction';

/** Any constant all instances agree on: the lock under which the first instance stores a server key. */
const SERVER_KEY_LOCK_KEY = 0x58494b59; // 'XIKY'

/** OperatorStorage on PostgreSQL, shared by every instance. */
export class PostgresOperators implements OperatorStorage {
  constructor(private readonly pool: pg.Pool) {}

  async addOperator(o: Omit<OperatorRecord, 'disabledAt'>): Promise<'added' | 'exists'> {
    const result = await this.pool.query(
      `INSERT INTO operators (id, username, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING`,
      [o.id, o.username, o.displayName, o.passwordHash, o.createdAt],
    );
    return result.rowCount === 1 ? 'added' : 'exists';
  }

  async findOperatorByUsername(username: string): Promise<OperatorRecord | null> {
    const { rows: [row] } = await this.pool.query<OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM operators WHERE username = $1`, [username]);
    return row ? toOperator(row) : null;
  }

  async findOperator(id: string): Promise<OperatorRecord | null> {
    const { rows: [row] } = await this.pool.query<OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM operators WHERE id = $1`, [id]);
    return row ? toOperator(row) : null;
  }

  async listOperators(): Promise<OperatorRecord[]> {
    return (await this.pool.query<OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM operators ORDER BY username`)).rows.map(toOperator);
  }

  async disableOperator(username: string, at: string): Promise<boolean> {
    return postgresTransaction(this.pool, async (client) => {
      const { rows: [row] } = await client.query<{ id: string }>('SELECT id FROM operators WHERE username = $1 FOR UPDATE', [username]);
      if (!row) return false;
      await client.query('UPDATE operators SET disabled_at = COALESCE(disabled_at, $1) WHERE id = $2', [at, row.id]);
      await client.query('UPDATE refresh_tokens SET revoked_at = $1 WHERE operator_id = $2 AND revoked_at IS NULL', [at, row.id]);
      return true;
    });
  }

  async bindDevice(deviceHash: string, operatorId: string, at: string): Promise<void> {
    await postgresTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO devices (device_hash, operator_id, bound_at) VALUES ($1, $2, $3)
         ON CONFLICT (device_hash) DO UPDATE SET operator_id = excluded.operator_id, bound_at = excluded.bound_at`,
        [deviceHash, operatorId, at],
      );
      await client.query(
        'INSERT INTO device_operators (device_hash, operator_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [deviceHash, operatorId, at],
      );
    });
  }

  async isDeviceRevoked(deviceHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: 'xizmat-device-revoked-v1',
      text: 'SELECT 1 FROM devices WHERE device_hash = $1 AND revoked_at IS NOT NULL',
      values: [deviceHash],
    });
    return rowCount === 1;
  }

  async isDeviceBound(deviceHash: string, operatorId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM device_operators b
         JOIN devices d ON d.device_hash = b.device_hash
         JOIN operators o ON o.id = b.operator_id
       WHERE b.device_hash = $1 AND b.operator_id = $2 AND d.revoked_at IS NULL AND o.disabled_at IS NULL`,
      [deviceHash, operatorId],
    );
    return rowCount === 1;
  }

  async revokeDevices(match: DeviceMatch, at: string): Promise<string[]> {
    return postgresTransaction(this.pool, async (client) => {
      const { rows } = 'hashPrefix' in match
        ? await client.query<{ device_hash: string }>(
          "SELECT device_hash FROM devices WHERE device_hash LIKE $1 || '%' AND revoked_at IS NULL FOR UPDATE", [hexPrefix(match.hashPrefix)],
        )
        : await client.query<{ device_hash: string }>(
          `SELECT d.device_hash FROM devices d JOIN device_operators b ON b.device_hash = d.device_hash
           WHERE b.operator_id = $1 AND d.revoked_at IS NULL FOR UPDATE OF d`, [match.operatorId],
        );
      const hashes = rows.map((r) => r.device_hash);
      await client.query('UPDATE devices SET revoked_at = $1 WHERE device_hash = ANY($2)', [at, hashes]);
      await client.query('UPDATE refresh_tokens SET revoked_at = $1 WHERE device_hash = ANY($2) AND revoked_at IS NULL', [at, hashes]);
      return hashes;
    });
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return fromDeviceRows((await this.pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices d
         LEFT JOIN device_operators b ON b.device_hash = d.device_hash
         LEFT JOIN operators o ON o.id = b.operator_id
       ORDER BY d.bound_at DESC, d.device_hash, o.username`,
    )).rows);
  }

  async insertRefreshToken(t: RefreshTokenRecord, client: pg.ClientBase | pg.Pool = this.pool): Promise<void> {
    await client.query(
      `INSERT INTO refresh_tokens (id, family_id, operator_id, device_hash, token_hash, created_at, expires_at, revoked_at, rotated_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [t.id, t.familyId, t.operatorId, t.deviceHash, t.tokenHash, t.createdAt, t.expiresAt, t.revokedAt, t.rotatedTo],
    );
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const { rows: [row] } = await this.pool.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    return row ? toToken(row) : null;
  }

  async rotateRefreshToken(oldId: string, next: RefreshTokenRecord, at: string): Promise<boolean> {
    return postgresTransaction(this.pool, async (client) => {
      // The row lock makes a concurrent rotation of the same token wait, then find it revoked.
      const updated = await client.query(
        'UPDATE refresh_tokens SET revoked_at = $1, rotated_to = $2 WHERE id = $3 AND revoked_at IS NULL', [at, next.id, oldId],
      );
      if (updated.rowCount !== 1) return false;
      await this.insertRefreshToken(next, client);
      return true;
    });
  }

  async revokeRefreshToken(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE refresh_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
  }

  async revokeRefreshFamily(familyId: string, at: string): Promise<void> {
    await this.pool.query('UPDATE refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL', [at, familyId]);
  }

  async isSignInLive(familyId: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: 'xizmat-sign-in-live-v1',
      text: 'SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > $2 LIMIT 1',
      values: [familyId, at],
    });
    return rowCount === 1;
  }

  async addDelegationKey(k: DelegationKeyRecord): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO delegation_keys (key_id, operator_id, device_hash, family_id, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key_id) DO NOTHING`,
      [k.keyId, k.operatorId, k.deviceHash, k.familyId, JSON.stringify(k.publicKey), k.createdAt],
    );
    return rowCount === 1;
  }

  async findDelegationKey(keyId: string, at: string): Promise<{ key: DelegationKeyRecord; live: boolean } | null> {
    const { rows: [row] } = await this.pool.query<DelegationKeyRow>(
      `SELECT ${DELEGATION_KEY_COLUMNS}, ${delegationKeyLive('$1')} AS live FROM delegation_keys k WHERE k.key_id = $2`, [at, keyId],
    );
    return row ? toDelegationKey(row) : null;
  }

  async recordLoginFailure(subjects: string[], at: string, pruneBefore: string): Promise<void> {
    await this.pool.query('INSERT INTO login_failures (subject, failed_at) SELECT unnest($1::text[]), $2', [subjects, at]);
    await this.pool.query('DELETE FROM login_failures WHERE failed_at < $1', [pruneBefore]);
  }

  async loginFailures(subject: string, since: string): Promise<{ count: number; lastAt: string | null }> {
    const { rows: [row] } = await this.pool.query<{ count: string; last_at: string | null }>(
      'SELECT COUNT(*) AS count, MAX(failed_at) AS last_at FROM login_failures WHERE subject = $1 AND failed_at >= $2', [subject, since],
    );
    return { count: Number(row!.count), lastAt: row!.last_at };
  }

  async clearLoginFailures(subject: string): Promise<void> {
    await this.pool.query('DELETE FROM login_failures WHERE subject = $1', [subject]);
  }

  async ensureServerKey(candidate: ServerKeyRecord): Promise<ServerKeyRecord> {
    return postgresTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SERVER_KEY_LOCK_KEY]);
      const newest = async () => (await client.query<ServerKeyRow>(
        `SELECT ${SERVER_KEY_COLUMNS} FROM server_keys WHERE kind = $1 ORDER BY created_at DESC, key_id LIMIT 1`, [candidate.kind],
      )).rows[0];
      const found = await newest();
      if (found) return toServerKey(found);
      await client.query(
        'INSERT INTO server_keys (key_id, kind, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5)',
        [candidate.keyId, candidate.kind, candidate.privateJwk, candidate.publicJwk, candidate.createdAt],
      );
      return toServerKey((await newest())!);
    });
  }

  async serverKeys(kind: ServerKeyRecord['kind']): Promise<ServerKeyRecord[]> {
    return (await this.pool.query<ServerKeyRow>(
      `SELECT ${SERVER_KEY_COLUMNS} FROM server_keys WHERE kind = $1 ORDER BY created_at DESC`, [kind],
    )).rows.map(toServerKey);
  }

  async onBehalfRecord(applicationId: string): Promise<OnBehalf | null> {
    return toOnBehalf((await this.pool.query<{ operator_id: string | null; on_behalf: string | null }>('SELECT operator_id, on_behalf FROM submissions WHERE id = $1', [applicationId])).rows[0]);
  }

  async operatorApplications(operatorId: string, limit: number): Promise<OperatorApplicationRecord[]> {
    return (await this.pool.query<OperatorApplicationRow>(
      `SELECT id, number, service_id, status, received_at, updated_at, on_behalf FROM submissions
       WHERE operator_id = $1 ORDER BY seq DESC LIMIT $2`, [operatorId, limit],
    )).rows.map(residentName);
  }
}
