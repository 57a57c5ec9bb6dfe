import { BACK_OFFICE_USER } from '../back-office/back-office-routes';

/** A back-office password long enough for the server to take it. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghij';

export const basicAuth = (adminToken: string) => `Basic ${Buffer.from(`${BACK_OFFICE_USER}:${adminToken}`).toString('base64')}`;

/** The CSRF token of a back-office page, as a browser that loaded it holds it. */
export async function backOfficeCsrfToken(origin: string, adminToken: string): Promise<string> {
  const page = await fetch(`${origin}/back-office`, { headers: { authorization: basicAuth(adminToken) } });
  const token = /<meta name="csrf-token" content="([^"]+)">/.exec(await page.text())?.[1];
  if (!token) throw new Error(`no CSRF token on the back office page (${page.status})`);
  return token;
}

/** Sends the back office's move form as its own page would; the answer is not followed. */
export async function postBackOfficeMove(origin: string, adminToken: string, fields: Record<string, string>): Promise<Response> {
  const csrf = await backOfficeCsrfToken(origin, adminToken);
  return fetch(`${origin}/back-office/move`, {
    method: 'POST', redirect: 'manual',
    headers: { authorization: basicAuth(adminToken), 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ csrf, ...fields }).toString(),
  });
}
