/**
 * Operators (mahalla assistants, field staff) and their sign-in (README.md, "Operators"). An operator signs in
 * online once from a phone and registers a delegation key for that sign-in, whose signature
 * (src/contract/delegation.ts) lets the service worker send sealed on-behalf applications later
 * without any token, until the sign-in ends; reading the operator's applications needs a
 * short-lived access token, taken only with that phone's device key, renewed with a revocable
 * refresh token.
 */
import { isP256PublicJwk, type P256PublicJwk } from './p256-key';
import { checkPinfl } from './pinfl';
import type { SubmissionStatus } from './submissions';

export const AUTH_PATHS = {
  login: '/api/v1/auth/login',
  refresh: '/api/v1/auth/refresh',
  logout: '/api/v1/auth/logout',
  /** The signed-in operator's applications (Bearer access token). */
  operatorApplications: '/api/v1/operator/applications',
  sealKey: '/api/v1/seal-key',
} as const;

/** How long an access token lives. Short: a lost phone's token is useless within minutes. */
export const ACCESS_TOKEN_TTL_S = 15 * 60;
/** How long a refresh token lives unless revoked (field staff stay offline for weeks). */
export const REFRESH_TOKEN_TTL_S = 60 * 24 * 60 * 60;
/** Wrong PINs in a row after which the phone wipes that operator's local keys. */
export const MAX_PIN_ATTEMPTS = 5;
/** Digits of a PIN. */
export const PIN_DIGITS = 6;

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 200;

export function isUsername(value: unknown): value is string {
  return typeof value === 'string' && USERNAME.test(value);
}

export function isPin(value: unknown): value is string {
  return typeof value === 'string' && new RegExp(`^\\d{${PIN_DIGITS}}$`).test(value);
}

/** POST /api/v1/auth/login body (the device key travels in its header). */
export interface LoginRequest {
  username: string;
  password: string;
  /**
   * The public half of the delegation key this phone made for this sign-in
   * (src/contract/delegation.ts). Without it the sign-in works, but no on-behalf application is
   * accepted from it.
   */
  delegationKey?: P256PublicJwk;
}

/** POST /api/v1/auth/refresh and /logout body. */
export interface RefreshRequest {
  refreshToken: string;
}

export interface OperatorInfo {
  id: string;
  username: string;
  displayName: string;
}

/** The answer to a login or a refresh. Refreshing rotates the refresh token. */
export interface TokenPair {
  accessToken: string;
  /** ISO time. */
  accessExpiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  operator: OperatorInfo;
}

export function isLoginRequest(value: unknown): value is LoginRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<LoginRequest>;
  return isUsername(v.username) && typeof v.password === 'string' && v.password.length >= 1 && v.password.length <= MAX_PASSWORD_CHARS &&
    (v.delegationKey === undefined || isP256PublicJwk(v.delegationKey));
}

/**
 * Who applied for whom, inside the sealed application (never readable on the way). The server
 * accepts it only with that operator's proof (SubmissionItem.delegation) and records it with the
 * application.
 */
export interface OnBehalf {
  /** The operator's id (OperatorInfo.id). */
  operatorId: string;
  /**
   * The resident, by name and (from apps that ask for it) by PINFL, checked as any PINFL is: the
   * agency knows whom the application is for without a name to match by hand.
   */
  resident: { name: string; pinfl?: string };
  consent: Consent;
}

/** The resident's confirmation that the operator applies for them, given on the phone. */
export interface Consent {
  /** ISO time of the confirmation. */
  confirmedAt: string;
  method: 'typed' | 'signature';
  /** method 'typed': the resident's name as they typed it. */
  typedName?: string;
  /** method 'signature': the drawn signature as a PNG data URL. */
  signature?: string;
}

/** Largest drawn signature kept (a PNG data URL of a small canvas). */
export const MAX_SIGNATURE_CHARS = 60_000;
const MAX_NAME_CHARS = 200;

/** Why an OnBehalf is not acceptable, or null. Same check on the phone and the server. */
export function onBehalfProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'onBehalf must be an object';
  const v = value as Partial<OnBehalf>;
  if (typeof v.operatorId !== 'string' || v.operatorId === '') return 'onBehalf.operatorId must be a string';
  const name = v.resident?.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_CHARS) return 'onBehalf.resident.name must be a name';
  const pinfl = v.resident?.pinfl;
  if (pinfl !== undefined && (typeof pinfl !== 'string' || checkPinfl(pinfl) !== null)) return 'onBehalf.resident.pinfl must be a valid PINFL';
  const c = v.consent;
  if (typeof c !== 'object' || c === null) return 'onBehalf.consent is missing';
  if (typeof c.confirmedAt !== 'string' || Number.isNaN(Date.parse(c.confirmedAt))) return 'onBehalf.consent.confirmedAt must be an ISO time';
  if (c.method === 'typed') {
    if (typeof c.typedName !== 'string' || c.typedName.trim() === '' || c.typedName.length > MAX_NAME_CHARS) return 'onBehalf.consent.typedName must be the typed name';
  } else if (c.method === 'signature') {
    if (typeof c.signature !== 'string' || !c.signature.startsWith('data:image/png;base64,') || c.signature.length > MAX_SIGNATURE_CHARS) {
      return 'onBehalf.consent.signature must be a PNG data URL';
    }
  } else {
    return 'onBehalf.consent.method must be typed or signature';
  }
  return null;
}

/** One row of GET /api/v1/operator/applications: an application the operator made for a resident. */
export interface OperatorApplication extends SubmissionStatus {
  /** The resident's name as the operator's phone sent it (onBehalf.resident.name). */
  residentName: string;
}

/** GET /api/v1/operator/applications (Bearer access token): newest first, at most 500. */
export interface OperatorApplicationsResponse {
  applications: OperatorApplication[];
}
