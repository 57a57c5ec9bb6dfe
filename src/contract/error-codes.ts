/**
 * Stable machine codes of API errors. Clients branch on these, never on the message text,
 * so a code, once published, is never renamed.
 */
export const ERROR_CODES = {
  malformedJson: 'malformed_json',
  badRequest: 'bad_request',
  unsupportedMediaType: 'unsupported_media_type',
  bodyTooLarge: 'body_too_large',
  invalidBatch: 'invalid_batch',
  tooManyItems: 'too_many_items',
  missingId: 'missing_id',
  invalidId: 'invalid_id',
  duplicateIdInBatch: 'duplicate_id_in_batch',
  unknownService: 'unknown_service',
  unknownFormVersion: 'unknown_form_version',
  validationFailed: 'validation_failed',
  idReused: 'id_reused',
  notFound: 'not_found',
  internal: 'internal_error',
  appNotBuilt: 'app_not_built',
  invalidDeviceEvent: 'invalid_device_event',
  /** A corrected resubmission (revision n+1) of an application the agency has not returned. */
  notReturned: 'not_returned',
  /** The lifecycle has no such move (e.g. from completed). */
  invalidStatusMove: 'invalid_status_move',
  /** Statuses are answered only to the phone that sent the applications. */
  deviceKeyRequired: 'device_key_required',
  /** The back office needs its token. */
  unauthorised: 'unauthorised',
  /** A sealed application that does not open (changed on the way, or forged). */
  sealedInvalid: 'sealed_invalid',
  /** Sealed to a server key this server does not hold; the phone fetches the key again. */
  sealKeyUnknown: 'seal_key_unknown',
  /** An operator's wrong username or password (never says which). */
  invalidCredentials: 'invalid_credentials',
  /** Too many failed sign-ins for this operator or device; Retry-After says when to try. */
  tooManyAttempts: 'too_many_attempts',
  /** An operator's access token has expired; refresh it. */
  tokenExpired: 'token_expired',
  /** The access or refresh token is not one this server issued, or it was revoked. */
  invalidToken: 'invalid_token',
  /** An admin revoked this phone; what it queued needs the person's action. */
  deviceRevoked: 'device_revoked',
  /**
   * An on-behalf application from a phone the named operator has not signed in on. No
   * longer sent: the operator's signature (delegation_invalid, delegation_revoked) replaced it.
   */
  operatorNotBound: 'operator_not_bound',
  /**
   * An on-behalf application whose operator's proof is missing, does not verify, or names a key or
   * operator it may not (per item, 403); the operator signs it again after signing in.
   */
  delegationInvalid: 'delegation_invalid',
  /** An on-behalf application signed with a key whose sign-in has ended (sign-out, revoked phone, disabled operator). */
  delegationRevoked: 'delegation_revoked',
  /** An own application of a service whose passport needs a signed-in citizen, sent without a citizen's proof (per item, 403). */
  identityRequired: 'identity_required',
  /** A citizen's proof that does not verify, names a key never registered, or comes from another phone's key (per item or request, 403). */
  identityInvalid: 'identity_invalid',
  /** A citizen's proof by a key whose sign-in has ended (sign-out, revoked from another phone, revoked phone). */
  identityRevoked: 'identity_revoked',
  /** The identity provider could not be reached to start a sign-in; try again later (503). */
  identityProviderUnreachable: 'identity_provider_unreachable',
  /** Too many requests from this device, operator or address; Retry-After says when to try again. */
  rateLimited: 'rate_limited',
  /** Too many sign-ins being checked at once on this server; Retry-After says when to try again. */
  serverBusy: 'server_busy',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
