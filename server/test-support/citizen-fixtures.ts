import { webcrypto } from 'node:crypto';
import {
  CITIZEN_HEADER, CITIZEN_KEY_ALGORITHM, DEVICE_KEY_HEADER, citizenDigest, citizenReadHeader, jwkThumbprint, publicMembers, signCitizen,
  type CitizenSignInStart, type P256PublicJwk, type SealedItem, type SubmissionItem,
} from '../../src/contract/index';
import { newDeviceKey, newReplyKey } from './operator-fixtures';

/** One phone as the citizen's sign-in needs it: its device key, a fresh citizen key and its reply key. */
export interface CitizenPhone {
  deviceKey: string;
  keyId: string;
  privateKey: webcrypto.CryptoKey;
  publicKey: P256PublicJwk;
  reply: Awaited<ReturnType<typeof newReplyKey>>;
}

export async function newCitizenPhone(deviceKey = newDeviceKey()): Promise<CitizenPhone> {
  const pair = await webcrypto.subtle.generateKey(CITIZEN_KEY_ALGORITHM, false, ['sign', 'verify']);
  const publicKey = publicMembers(await webcrypto.subtle.exportKey('jwk', pair.publicKey) as P256PublicJwk);
  return { deviceKey, keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey, reply: await newReplyKey() };
}

/** The headers of a signed read by `phone` of `method path`, at `at`. */
export async function signedRead(phone: CitizenPhone, method: string, path: string, at = Date.now()): Promise<Record<string, string>> {
  return { [DEVICE_KEY_HEADER]: phone.deviceKey, [CITIZEN_HEADER]: await citizenReadHeader(phone.privateKey, phone.keyId, at, method, path) };
}

/** `item` carrying the citizen's proof as the phone sends it (beside the envelope of a sealed one). */
export async function signedByCitizen<T extends SubmissionItem | SealedItem>(item: T, phone: CitizenPhone): Promise<T> {
  return { ...item, citizen: await signCitizen(phone.privateKey, phone.keyId, item.id, await citizenDigest(item)) };
}

/** A browser's cookie jar, as little of one as the sign-in needs. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
}

/** One `<form method="post">` of a page: where it goes and what it sends, its button's name and value included. */
export interface PageForm { action: string; fields: URLSearchParams; text: string }

/** The post forms of an HTML page, read as a browser would submit them. */
export function postForms(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = match[1]!;
    if (!/method=["']?post/i.test(attributes)) continue;
    const action = /action=["']([^"']*)["']/i.exec(attributes)?.[1] ?? '';
    const fields = new URLSearchParams();
    for (const input of match[2]!.matchAll(/<(input|button)\b([^>]*)>/gi)) {
      const name = /name=["']([^"']*)["']/i.exec(input[2]!)?.[1];
      if (name) fields.append(unescape(name), unescape(/value=["']([^"']*)["']/i.exec(input[2]!)?.[1] ?? ''));
    }
    forms.push({ action: new URL(unescape(action) || pageUrl, pageUrl).href, fields, text: match[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() });
  }
  return forms;
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** What the sign-in ended in: the app's page it came back to, and the steps on the way. */
export interface SignInRun {
  start: CitizenSignInStart;
  /** The stand-in's page, as the browser got it. */
  page: string;
  /** The callback address the provider sent the browser to. */
  callback: string;
  /** Where the callback sent the browser: /profile?sign-in=... */
  landed: string;
  jar: CookieJar;
}

/**
 * Signs `phone` in as the stand-in's citizen whose button names `who`, driving the browser's part
 * over HTTP: start, the provider's page, the choice, the return. `before` may change the return
 * (another state, no cookie) to see what the server makes of it.
 */
export async function signInAs(
  origin: string, phone: CitizenPhone, who: string,
  options: { before?: (callback: URL, jar: CookieJar) => { callback: URL; jar: CookieJar } } = {},
): Promise<SignInRun> {
  const jar = new CookieJar();
  const started = await fetch(`${origin}/api/v1/identity/sign-ins`, {
    method: 'POST', headers: { 'content-type': 'application/json', [DEVICE_KEY_HEADER]: phone.deviceKey },
    body: JSON.stringify({ citizenKey: phone.publicKey, replyKey: phone.reply.publicKey }),
  });
  if (started.status !== 200) throw new Error(`sign-in start answered ${started.status}: ${await started.text()}`);
  jar.take(started);
  const start = (await started.json()) as CitizenSignInStart;
  const pageUrl = new URL(start.authorizeUrl, origin).href;
  const page = await (await fetch(pageUrl)).text();
  const form = postForms(page, pageUrl).find((f) => f.text.includes(who));
  if (!form) throw new Error(`no button for ${who} on the provider's page`);
  const chosen = await fetch(form.action, { method: 'POST', body: form.fields, redirect: 'manual' });
  const location = chosen.headers.get('location');
  if (!location) throw new Error(`the provider answered the choice with ${chosen.status}, no redirect`);
  let callback = new URL(location, form.action);
  let browser = jar;
  if (options.before) ({ callback, jar: browser } = options.before(callback, jar));
  const returned = await fetch(callback, { headers: browser.header(), redirect: 'manual' });
  browser.take(returned);
  return { start, page, callback: callback.href, landed: returned.headers.get('location') ?? `(${returned.status})`, jar: browser };
}
