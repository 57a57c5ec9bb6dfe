/** For what never changes under its URL (hashed assets, a published form version): kept a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** For what may change under its URL (index.html, sw.js, catalogue): revalidated on each use, so updates land. */
export const REVALIDATE = 'no-cache';
/** For personal data (receipts, statuses) and errors: no cache anywhere may keep a copy. */
export const NO_STORE = 'no-store';
