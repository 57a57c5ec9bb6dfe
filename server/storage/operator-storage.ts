import type { OnBehalf, OperatorApplication, P256PublicJwk } from '../../src/contract/index';

/** One operator (mahalla assistant, field staff) as stored; the hash never leaves the server. */
export interface OperatorRecord {
  id: string;
  username: string;
  displayName: string;
  /** scrypt$N$r$p$salt$hash (server/auth/password-hash.ts). */
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

/** One refresh token; only the SHA-256 of the token itself is kept. */
export interface RefreshTokenRecord {
  id: string;
  /** Every token rotated from one sign-in shares it: reusing a rotated token revokes the family. */
  familyId: string;
  operatorId: string;
  deviceHash: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** The id of the token this one was rotated to; set together with revokedAt. */
  rotatedTo: string | null;
}

/** A phone an operator signed in on. */
export interface DeviceRecord {
  deviceHash: string;
  /** The operator who signed in last on it. */
  operatorId: string | null;
  /** Every operator bound to it, usernames. */
  operators: string[];
  boundAt: string;
  revokedAt: string | null;
}

/** Which phones device-revoke takes: a prefix of the device hash, or every phone of an operator. */
export type DeviceMatch = { hashPrefix: string } | { operatorId: string };

/** A key pair or secret the server made for itself once and shares with its other instances. */
export interface ServerKeyRecord {
  keyId: string;
  /**
   * 'seal' (ECDH P-256 pair for sealed applications), 'token' (the access tokens' HMAC secret) or
   * 'payme-stand-in' (the cashbox key the stand-in payment provider signs in with, when no real one is set).
   */
  kind: 'seal' | 'token' | 'payme-stand-in';
  /** JSON of the private JWK (for 'token', an "oct" JWK). */
  privateJwk: string;
  publicJwk: string | null;
  createdAt: string;
}

/** A delegation key an operator's phone made at sign-in (src/contract/delegation.ts). */
export interface DelegationKeyRecord {
  /** RFC 7638 thumbprint of the public key. */
  keyId: string;
  operatorId: string;
  deviceHash: string;
  /** The sign-in it belongs to: the family of its refresh tokens. */
  familyId: string;
  publicKey: P256PublicJwk;
  createdAt: string;
}

/** One row of GET /operator/applications. */
export type OperatorApplicationRecord = OperatorApplication;

/** Operators, their tokens and phones, sign-in failures and server keys, on either engine (operators.ts). */
export interface OperatorStorage {
  /** Adds an operator; 'exists' when the username is taken. */
  addOperator(operator: Omit<OperatorRecord, 'disabledAt'>): Promise<'added' | 'exists'>;
  findOperatorByUsername(username: string): Promise<OperatorRecord | null>;
  findOperator(id: string): Promise<OperatorRecord | null>;
  listOperators(): Promise<OperatorRecord[]>;
  /** Disables the operator and revokes every refresh token it holds, in one transaction; false when unknown. */
  disableOperator(username: string, at: string): Promise<boolean>;

  /** Binds a phone to an operator on sign-in (last operator on devices, every one on device_operators). */
  bindDevice(deviceHash: string, operatorId: string, at: string): Promise<void>;
  /** True when an admin revoked this phone. */
  isDeviceRevoked(deviceHash: string): Promise<boolean>;
  /** True when the operator signed in on this phone and neither the phone is revoked nor the operator disabled. */
  isDeviceBound(deviceHash: string, operatorId: string): Promise<boolean>;
  /** Revokes the matching phones and their refresh tokens; the device hashes revoked. */
  revokeDevices(match: DeviceMatch, at: string): Promise<string[]>;
  listDevices(): Promise<DeviceRecord[]>;

  insertRefreshToken(token: RefreshTokenRecord): Promise<void>;
  findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Revokes `oldId` as rotated to `next` and stores `next`, in one transaction, only if `oldId`
   * was still live; false when another request rotated or revoked it first (a reuse).
   */
  rotateRefreshToken(oldId: string, next: RefreshTokenRecord, at: string): Promise<boolean>;
  revokeRefreshToken(id: string, at: string): Promise<void>;
  revokeRefreshFamily(familyId: string, at: string): Promise<void>;
  /**
   * True while a sign-in lasts: a refresh token of the family is neither revoked nor expired at
   * `at`. Sign-out, a reuse, a revoked phone and a disabled operator all end it.
   */
  isSignInLive(familyId: string, at: string): Promise<boolean>;

  /** Keeps the delegation key made with a sign-in; false when that keyId is stored already. */
  addDelegationKey(key: DelegationKeyRecord): Promise<boolean>;
  /**
   * The delegation key, and whether it is still live at `at`: its sign-in lasts (isSignInLive),
   * its phone is not revoked and its operator not disabled. Null when no such key was ever stored.
   */
  findDelegationKey(keyId: string, at: string): Promise<{ key: DelegationKeyRecord; live: boolean } | null>;

  /** Records one failed sign-in under each subject ("user:…", "device:…"); drops rows older than `pruneBefore`. */
  recordLoginFailure(subjects: string[], at: string, pruneBefore: string): Promise<void>;
  /** Failures of a subject since `since`: how many, and when the last one was. */
  loginFailures(subject: string, since: string): Promise<{ count: number; lastAt: string | null }>;
  clearLoginFailures(subject: string): Promise<void>;

  /**
   * The newest key of `kind`, storing `candidate` first when there is none, under a lock: instances
   * starting together all get the one key stored.
   */
  ensureServerKey(candidate: ServerKeyRecord): Promise<ServerKeyRecord>;
  serverKeys(kind: ServerKeyRecord['kind']): Promise<ServerKeyRecord[]>;

  /** Who applied for whom on an application: the operator, and the resident and consent as received; null for a person's own. */
  onBehalfRecord(applicationId: string): Promise<OnBehalf | null>;
  /** The operator's applications, newest first. */
  operatorApplications(operatorId: string, limit: number): Promise<OperatorApplicationRecord[]>;
}
