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
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
