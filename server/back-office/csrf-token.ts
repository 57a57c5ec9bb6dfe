import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How long a page's forms may be sent: a shift at the desk. A stale page is reloaded and sent again. */
export const CSRF_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
/** A token as issued: its issue time in base 36, a dot, the HMAC in base64url. */
export const CSRF_TOKEN = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Synchroniser tokens for the back office's forms, chosen over a SameSite=Strict session cookie:
 * - HTTP Basic credentials ride along on any request the browser makes, even from another site;
 *   the token sits in the page, and only a page of this origin can read it (the same-origin
 *   policy; the back office cannot be framed: frame-ancestors 'none');
 * - SameSite treats every subdomain of the agency's domain as the same site, so a page on any of
 *   them could still post with such a cookie; the token does not care where the page is;
 * - it keeps no state: an HMAC of its issue time under a key made from XIZMAT_ADMIN_TOKEN, so
 *   every instance behind the balancer checks what another issued, and changing the token ends them.
 */
export function csrfTokens(adminToken: string) {
  const key = createHash('sha256').update(`xizmat back-office csrf\n${adminToken}`).digest();
  const mac = (issued: string) => createHmac('sha256', key).update(issued).digest('base64url');
  return {
    /** A token for the forms of a page made now. */
    issue(now: Date): string {
      const issued = now.getTime().toString(36);
      return `${issued}.${mac(issued)}`;
    },
    /** True when `token` was issued here (by this admin token) within the last CSRF_TOKEN_TTL_MS. */
    valid(token: unknown, now: Date): boolean {
      const match = typeof token === 'string' ? CSRF_TOKEN.exec(token) : null;
      if (!match) return false;
      const age = now.getTime() - Number.parseInt(match[1]!, 36);
      const given = Buffer.from(match[2]!);
      const expected = Buffer.from(mac(match[1]!));
      return age >= 0 && age <= CSRF_TOKEN_TTL_MS && given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
