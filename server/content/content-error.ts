/** Content on disk is missing or malformed; the server refuses to start rather than serve it. */
export class ContentError extends Error {
  override name = 'ContentError';
}
