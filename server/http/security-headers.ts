import { createHash } from 'node:crypto';

/** Two years, the HSTS preload list's minimum: phones that once reached us never fall back to HTTP. */
const HSTS_MAX_AGE_S = 63_072_000;

/** Sent with every response: no sniffing, no referrer, no framing, HTTPS only, a window of our own. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_S}; includeSubDomains`,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The app shell's Content-Security-Policy: scripts and styles only from this origin, plus the few
 * inline blocks the build wrote into index.html (the deep-link guard and the critical CSS), each
 * allowed by its hash, so no other inline script can ever run. Photos preview from blob: URLs.
 */
export function appContentSecurityPolicy(indexHtml: string): string {
  const inline = (tag: 'script' | 'style') =>
    [...indexHtml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => sha256(m[1]!));
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inline('script')].join(' '),
    ["style-src 'self'", ...inline('style')].join(' '),
    "img-src 'self' blob: data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The back office's pages send their origin with their own forms' POSTs, which the back office
 * checks against forgery; under no-referrer a browser would send "Origin: null" instead. Nothing
 * leaves for another origin either way.
 */
export const BACK_OFFICE_REFERRER_POLICY = 'same-origin';

/** The back office: server-written HTML with one inline style block and plain forms, no script at all. */
export const BACK_OFFICE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
