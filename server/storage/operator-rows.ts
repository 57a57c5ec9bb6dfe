import type { Selectable, SqlBool } from 'kysely';
import type { ApplicationStatus, OnBehalf, P256PublicJwk } from '../../src/contract/index';
import type {
  DelegationKeyRecord, DeviceRecord, OperatorApplicationRecord, OperatorRecord, RefreshTokenRecord, ServerKeyRecord,
} from './operator-storage';
import type { DelegationKeysTable, OperatorsTable, RefreshTokensTable, ServerKeysTable } from './schema';

// The operator tables' rows as operators.ts reads them, and their conversion to records.

export const OPERATOR_COLUMNS = ['id', 'username', 'display_name', 'password_hash', 'created_at', 'disabled_at'] as const;
export type OperatorRow = Selectable<OperatorsTable>;
export const toOperator = (r: OperatorRow): OperatorRecord => ({
  id: r.id, username: r.username, displayName: r.display_name, passwordHash: r.password_hash, createdAt: r.created_at, disabledAt: r.disabled_at,
});

export const TOKEN_COLUMNS = [
  'id', 'family_id', 'operator_id', 'device_hash', 'token_hash', 'created_at', 'expires_at', 'revoked_at', 'rotated_to',
] as const;
export type TokenRow = Selectable<RefreshTokensTable>;
export const toToken = (r: TokenRow): RefreshTokenRecord => ({
  id: r.id, familyId: r.family_id, operatorId: r.operator_id, deviceHash: r.device_hash, tokenHash: r.token_hash,
  createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, rotatedTo: r.rotated_to,
});

/** devices d LEFT JOIN device_operators b LEFT JOIN operators o: one row per phone and operator. */
export const DEVICE_COLUMNS = ['d.device_hash', 'd.operator_id', 'd.bound_at', 'd.revoked_at', 'o.username'] as const;
export interface DeviceRow {
  device_hash: string;
  operator_id: string | null;
  bound_at: string;
  revoked_at: string | null;
  username: string | null;
}
export function fromDeviceRows(rows: DeviceRow[]): DeviceRecord[] {
  const devices = new Map<string, DeviceRecord>();
  for (const r of rows) {
    const device = devices.get(r.device_hash) ?? { deviceHash: r.device_hash, operatorId: r.operator_id, operators: [], boundAt: r.bound_at, revokedAt: r.revoked_at };
    if (r.username) device.operators.push(r.username);
    devices.set(r.device_hash, device);
  }
  return [...devices.values()];
}

export const SERVER_KEY_COLUMNS = ['key_id', 'kind', 'private_jwk', 'public_jwk', 'created_at'] as const;
export type ServerKeyRow = Selectable<ServerKeysTable>;
export const toServerKey = (r: ServerKeyRow): ServerKeyRecord => ({
  keyId: r.key_id, kind: r.kind, privateJwk: r.private_jwk, publicJwk: r.public_jwk, createdAt: r.created_at,
});

export interface OperatorApplicationRow {
  id: string;
  number: string;
  service_id: string;
  status: ApplicationStatus;
  received_at: string;
  updated_at: string;
  on_behalf: string | null;
}
/** A row of the operator's list, with the resident's name from the stored on_behalf JSON. */
export function residentName(r: OperatorApplicationRow): OperatorApplicationRecord {
  const onBehalf = r.on_behalf ? (JSON.parse(r.on_behalf) as { resident?: { name?: string } }) : null;
  return {
    id: r.id, number: r.number, serviceId: r.service_id, status: r.status, receivedAt: r.received_at, updatedAt: r.updated_at,
    residentName: onBehalf?.resident?.name ?? '',
  };
}

/** A device hash prefix for LIKE: lower-case hex only, so no wildcard ever reaches the pattern. */
export function hexPrefix(prefix: string): string {
  if (!/^[0-9a-f]{1,64}$/.test(prefix)) throw new Error(`"${prefix}" is not a device hash prefix (lower-case hex).`);
  return prefix;
}

/** What the on_behalf column keeps: the resident and the consent as received, the operator in its own column. */
export function onBehalfColumn(onBehalf: { resident: unknown; consent: unknown } | undefined): string | null {
  return onBehalf ? JSON.stringify({ resident: onBehalf.resident, consent: onBehalf.consent }) : null;
}

/** The operator_id and on_behalf columns back as the OnBehalf the phone sent. */
export function toOnBehalf(row: { operator_id: string | null; on_behalf: string | null } | undefined): OnBehalf | null {
  if (!row?.operator_id || !row.on_behalf) return null;
  return { operatorId: row.operator_id, ...(JSON.parse(row.on_behalf) as Omit<OnBehalf, 'operatorId'>) };
}

/** delegation_keys k: its columns; whether it is live is asked beside them (operators.ts). */
export const DELEGATION_KEY_COLUMNS = ['k.key_id', 'k.operator_id', 'k.device_hash', 'k.family_id', 'k.public_jwk', 'k.created_at'] as const;
export type DelegationKeyRow = Selectable<DelegationKeysTable> & {
  /** SQLite answers 0 or 1, PostgreSQL a boolean. */
  live: SqlBool;
};
export const toDelegationKey = (r: DelegationKeyRow): { key: DelegationKeyRecord; live: boolean } => ({
  key: {
    keyId: r.key_id, operatorId: r.operator_id, deviceHash: r.device_hash, familyId: r.family_id,
    publicKey: JSON.parse(r.public_jwk) as P256PublicJwk, createdAt: r.created_at,
  },
  live: Boolean(r.live),
});
