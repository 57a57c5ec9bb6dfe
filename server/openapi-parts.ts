// Pieces the parts of the OpenAPI document (openapi*.ts) share.

/** Retry-After on a 429 or 503: whole seconds. */
export const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before sending again.', required: true, schema: { type: 'string', pattern: '^\\d+$' } },
} as const;

/** The API guard's request limits, checked on every route under /api/v1 before the route itself runs. */
export const RATE_LIMITED =
  'rate_limited: too many requests of this kind from this phone or operator, from this source address, or from everyone at once; Retry-After says when to send again.';
