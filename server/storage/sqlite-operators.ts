import type Database from 'better-sqlite3';
import type { OnBehalf } from '../../src/contract/index';
import type {
  DelegationKeyRecord, DeviceMatch, DeviceRecord, OperatorApplicationRecord, OperatorRecord, OperatorStorage, RefreshTokenRecord,
  ServerKeyRecord,
} from './operator-storage';
import {
  DELEGATION_KEY_COLUMNS, DEVICE_COLUMNS, OPERATOR_COLUMNS, SERVER_KEY_COLUMNS, TOKEN_COLUMNS, delegationKeyLive, fromDeviceRows, residentName,
  toDelegationKey, toOnBehalf, hexPrefix, toOperator, toServerKey, toToken, type DelegationKeyRow, type DeviceRow,
  type OperatorApplicationRow, type OperatorRow, type ServerKeyRow, type TokenRow,
} from './operator-rows';

/** OperatorStorage on the embedded SQLite file; every write takes the write lock first (IMMEDIATE). */
export class SqliteOperators implements OperatorStorage {
  constructor(private readonly db: Database.Database) {}

  async addOperator(o: Omit<OperatorRecord, 'disabledAt'>): Promise<'added' | 'exists'> {
    const result = this.db.prepare(
      `INSERT INTO operators (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (username) DO NOTHING`,
    ).run(o.id, o.username, o.displayName, o.passwordHash, o.createdAt);
    return result.changes === 1 ? 'added' : 'exists';
  }

  async findOperatorByUsername(username: string): Promise<OperatorRecord | null> {
    const row = this.db.prepare<[string], OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM operators WHERE username = ?`).get(username);
    return row ? toOperator(row) : null;
  }

  async findOperator(id: string): Promise<OperatorRecord | null> {
    const row = this.db.prepare<[string], OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM operators WHERE id = ?`).get(id);
    return row ? toOperator(row) : null;
  }

  async listOperators(): Promise<OperatorRecord[]> {
    return this.db.prepare<[], OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM operators ORDER BY username`).all().map(toOperator);
  }

  async disableOperator(username: string, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.db.prepare<[string], { id: string }>('SELECT id FROM operators WHERE username = ?').get(username);
      if (!row) return false;
      this.db.prepare('UPDATE operators SET disabled_at = COALESCE(disabled_at, ?) WHERE id = ?').run(at, row.id);
      this.db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE operator_id = ? AND revoked_at IS NULL').run(at, row.id);
      return true;
    }).immediate();
  }

  async bindDevice(deviceHash: string, operatorId: string, at: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(
        `INSERT INTO devices (device_hash, operator_id, bound_at) VALUES (?, ?, ?)
         ON CONFLICT (device_hash) DO UPDATE SET operator_id = excluded.operator_id, bound_at = excluded.bound_at`,
      ).run(deviceHash, operatorId, at);
      this.db.prepare(
        'INSERT INTO device_operators (device_hash, operator_id, bound_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(deviceHash, operatorId, at);
    }).immediate();
  }

  async isDeviceRevoked(deviceHash: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM devices WHERE device_hash = ? AND revoked_at IS NOT NULL').get(deviceHash) !== undefined;
  }

  async isDeviceBound(deviceHash: string, operatorId: string): Promise<boolean> {
    return this.db.prepare(
      `SELECT 1 FROM device_operators b
         JOIN devices d ON d.device_hash = b.device_hash
         JOIN operators o ON o.id = b.operator_id
       WHERE b.device_hash = ? AND b.operator_id = ? AND d.revoked_at IS NULL AND o.disabled_at IS NULL`,
    ).get(deviceHash, operatorId) !== undefined;
  }

  async revokeDevices(match: DeviceMatch, at: string): Promise<string[]> {
    return this.db.transaction(() => {
      const hashes = 'hashPrefix' in match
        ? this.db.prepare<[string], { device_hash: string }>(
          "SELECT device_hash FROM devices WHERE device_hash LIKE ? || '%' AND revoked_at IS NULL",
        ).all(hexPrefix(match.hashPrefix))
        : this.db.prepare<[string], { device_hash: string }>(
          `SELECT d.device_hash FROM devices d JOIN device_operators b ON b.device_hash = d.device_hash
           WHERE b.operator_id = ? AND d.revoked_at IS NULL`,
        ).all(match.operatorId);
      const revokeDevice = this.db.prepare('UPDATE devices SET revoked_at = ? WHERE device_hash = ?');
      const revokeTokens = this.db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE device_hash = ? AND revoked_at IS NULL');
      for (const { device_hash } of hashes) {
        revokeDevice.run(at, device_hash);
        revokeTokens.run(at, device_hash);
      }
      return hashes.map((h) => h.device_hash);
    }).immediate();
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return fromDeviceRows(this.db.prepare<[], DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices d
         LEFT JOIN device_operators b ON b.device_hash = d.device_hash
         LEFT JOIN operators o ON o.id = b.operator_id
       ORDER BY d.bound_at DESC, d.device_hash, o.username`,
    ).all());
  }

  async insertRefreshToken(t: RefreshTokenRecord): Promise<void> {
    this.insertToken(t);
  }

  private insertToken(t: RefreshTokenRecord): void {
    this.db.prepare(
      `INSERT INTO refresh_tokens (id, family_id, operator_id, device_hash, token_hash, created_at, expires_at, revoked_at, rotated_to)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(t.id, t.familyId, t.operatorId, t.deviceHash, t.tokenHash, t.createdAt, t.expiresAt, t.revokedAt, t.rotatedTo);
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const row = this.db.prepare<[string], TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM refresh_tokens WHERE token_hash = ?`).get(tokenHash);
    return row ? toToken(row) : null;
  }

  async rotateRefreshToken(oldId: string, next: RefreshTokenRecord, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      const updated = this.db.prepare(
        'UPDATE refresh_tokens SET revoked_at = ?, rotated_to = ? WHERE id = ? AND revoked_at IS NULL',
      ).run(at, next.id, oldId);
      if (updated.changes !== 1) return false;
      this.insertToken(next);
      return true;
    }).immediate();
  }

  async revokeRefreshToken(id: string, at: string): Promise<void> {
    this.db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
  }

  async revokeRefreshFamily(familyId: string, at: string): Promise<void> {
    this.db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL').run(at, familyId);
  }

  async isSignInLive(familyId: string, at: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM refresh_tokens WHERE family_id = ? AND revoked_at IS NULL AND expires_at > ? LIMIT 1')
      .get(familyId, at) !== undefined;
  }

  async addDelegationKey(k: DelegationKeyRecord): Promise<boolean> {
    return this.db.prepare(
      `INSERT INTO delegation_keys (key_id, operator_id, device_hash, family_id, public_jwk, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key_id) DO NOTHING`,
    ).run(k.keyId, k.operatorId, k.deviceHash, k.familyId, JSON.stringify(k.publicKey), k.createdAt).changes === 1;
  }

  async findDelegationKey(keyId: string, at: string): Promise<{ key: DelegationKeyRecord; live: boolean } | null> {
    const row = this.db.prepare<[string, string], DelegationKeyRow>(
      `SELECT ${DELEGATION_KEY_COLUMNS}, ${delegationKeyLive('?')} AS live FROM delegation_keys k WHERE k.key_id = ?`,
    ).get(at, keyId);
    return row ? toDelegationKey(row) : null;
  }

  async recordLoginFailure(subjects: string[], at: string, pruneBefore: string): Promise<void> {
    this.db.transaction(() => {
      const insert = this.db.prepare('INSERT INTO login_failures (subject, failed_at) VALUES (?, ?)');
      for (const subject of subjects) insert.run(subject, at);
      this.db.prepare('DELETE FROM login_failures WHERE failed_at < ?').run(pruneBefore);
    }).immediate();
  }

  async loginFailures(subject: string, since: string): Promise<{ count: number; lastAt: string | null }> {
    const row = this.db.prepare<[string, string], { count: number; last_at: string | null }>(
      'SELECT COUNT(*) AS count, MAX(failed_at) AS last_at FROM login_failures WHERE subject = ? AND failed_at >= ?',
    ).get(subject, since)!;
    return { count: row.count, lastAt: row.last_at };
  }

  async clearLoginFailures(subject: string): Promise<void> {
    this.db.prepare('DELETE FROM login_failures WHERE subject = ?').run(subject);
  }

  async ensureServerKey(candidate: ServerKeyRecord): Promise<ServerKeyRecord> {
    return this.db.transaction(() => {
      const newest = () => this.db.prepare<[string], ServerKeyRow>(
        `SELECT ${SERVER_KEY_COLUMNS} FROM server_keys WHERE kind = ? ORDER BY created_at DESC, key_id LIMIT 1`,
      ).get(candidate.kind);
      const found = newest();
      if (found) return toServerKey(found);
      this.db.prepare('INSERT INTO server_keys (key_id, kind, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(candidate.keyId, candidate.kind, candidate.privateJwk, candidate.publicJwk, candidate.createdAt);
      return toServerKey(newest()!);
    }).immediate();
  }

  async serverKeys(kind: ServerKeyRecord['kind']): Promise<ServerKeyRecord[]> {
    return this.db.prepare<[string], ServerKeyRow>(`SELECT ${SERVER_KEY_COLUMNS} FROM server_keys WHERE kind = ? ORDER BY created_at DESC`)
      .all(kind).map(toServerKey);
  }

  async onBehalfRecord(applicationId: string): Promise<OnBehalf | null> {
    return toOnBehalf(this.db.prepare<[string], { operator_id: string | null; on_behalf: string | null }>('SELECT operator_id, on_behalf FROM submissions WHERE id = ?').get(applicationId));
  }

  async operatorApplications(operatorId: string, limit: number): Promise<OperatorApplicationRecord[]> {
    return this.db.prepare<[string, number], OperatorApplicationRow>(
      `SELECT id, number, service_id, status, received_at, updated_at, on_behalf FROM submissions
       WHERE operator_id = ? ORDER BY seq DESC LIMIT ?`,
    ).all(operatorId, limit).map(residentName);
  }
}
