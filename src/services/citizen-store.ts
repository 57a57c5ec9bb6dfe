// Loaded only when the person signs in with OneID, signs out or opens their phones (or comes back from
// OneID): none of this is on the first screen.
import {
  DEVICE_KEY_HEADER, SIGN_IN_RESULTS, type CitizenPhone, type CitizenSession, type CitizenSignInRequest, type CitizenSignInStart,
  type ProfileKey, type SignInResult,
} from '../contract/index';
import { citizenReadHeaders } from '../core/citizen/citizen-read-headers';
import { forgetCitizen, keepCitizen, readCitizen, signedInCitizen } from '../core/citizen/citizen-record';
import { newCitizenKey } from '../core/citizen/new-citizen-key';
import { OWNER_SELF, type CitizenRecord } from '../core/db/records';
import { deviceKey } from '../core/device/device-key';
import { replyKey } from '../core/device/reply-key';
import { signCitizenItems } from '../core/outbox/sign-citizen-items';
import { profileValues } from '../core/profile/profile-values';
import { saveProfileValue } from '../core/profile/save-profile-value';
import { db } from './app-db';
import { sessionView } from './session-signal';
import { vaultFor } from './session-store';
import { sendNow } from './store';
import { requestBackgroundSync } from './sw-bridge';

export const IDENTITY_PATHS = {
  signIns: '/api/v1/identity/sign-ins',
  me: '/api/v1/identity/me',
  phones: '/api/v1/identity/phones',
  signOut: '/api/v1/identity/sign-out',
  revoke: (keyId: string) => `/api/v1/identity/phones/${encodeURIComponent(keyId)}/revoke`,
} as const;

/** The server's codes that say the sign-in this phone holds is no good any more: nothing of it is worth keeping. */
const ENDED_CODES: readonly string[] = ['identity_required', 'identity_invalid', 'identity_revoked'];

export type StartOutcome = 'going' | 'offline' | 'operator' | 'server';

/**
 * Starts a sign-in with OneID (online): a fresh non-extractable key, whose public half the server
 * binds to this phone and the citizen once the provider says who they are; then the browser goes to
 * the provider, which sends it back to the profile with the result. Not while an operator works on
 * this phone: the citizen's sign-in is the phone owner's, and an operator's session is someone else's.
 */
export async function startCitizenSignIn(go: (url: string) => void = (url) => location.assign(url)): Promise<StartOutcome> {
  if (sessionView().mode === 'operator') return 'operator';
  if (!navigator.onLine) return 'offline';
  const key = await newCitizenKey();
  const body: CitizenSignInRequest = { citizenKey: key.publicKey, replyKey: (await replyKey(db)).publicKey };
  let response: Response;
  try {
    response = await fetch(IDENTITY_PATHS.signIns, {
      method: 'POST', headers: { 'content-type': 'application/json', [DEVICE_KEY_HEADER]: await deviceKey(db) },
      body: JSON.stringify(body), credentials: 'same-origin',
    });
  } catch {
    return 'offline';
  }
  if (!response.ok) return 'server';
  const start = (await response.json().catch(() => null)) as CitizenSignInStart | null;
  if (!start || start.keyId !== key.keyId || typeof start.authorizeUrl !== 'string') return 'server';
  // A sign-in already finished stays until this one comes back done: a cancelled one changes nothing.
  const current = await readCitizen(db);
  if (current?.state !== 'signed-in') {
    await keepCitizen(db, { ...key, state: 'pending', standIn: start.standIn === true, createdAt: new Date().toISOString() });
  } else {
    await db.meta.put({ key: PENDING_META, value: { ...key, state: 'pending', standIn: start.standIn === true, createdAt: new Date().toISOString() } });
  }
  go(start.authorizeUrl);
  return 'going';
}

/**
 * WARNING: persistence key. A sign-in started while another is in force waits here until it comes
 * back, so that cancelling it at the provider leaves the phone signed in as before.
 */
const PENDING_META = 'citizen.pending';

export type FinishOutcome = { ok: true; session: CitizenSession } | { ok: false; problem: Exclude<SignInResult, 'done'> | 'finish_failed' | 'unknown' };

/** Whether `value` is one of the results the server's return may carry. */
export function isSignInResult(value: unknown): value is SignInResult {
  return (SIGN_IN_RESULTS as readonly unknown[]).includes(value);
}

/**
 * The provider's return (the profile's `?sign-in=`): on 'done', who signed in (a signed read of
 * /identity/me), kept as this phone's sign-in; their details from OneID go into the profile; every
 * own application waiting for a citizen's proof is signed with the new key and sent. Any other result
 * forgets the key made for it.
 */
export async function finishCitizenSignIn(result: string): Promise<FinishOutcome> {
  const pending = await pendingSignIn();
  if (result !== 'done') {
    if (pending) await dropPending(pending);
    return { ok: false, problem: isSignInResult(result) && result !== 'done' ? result : 'unknown' };
  }
  if (!pending) {
    // Back twice (a reload of the return address): the first one already finished it.
    const signed = await signedInCitizen(db);
    return signed?.session ? { ok: true, session: signed.session } : { ok: false, problem: 'unknown' };
  }
  let response: Response;
  try {
    response = await signedFetch(pending, 'GET', IDENTITY_PATHS.me);
  } catch {
    return { ok: false, problem: 'finish_failed' };
  }
  if (!response.ok) {
    if (response.status === 401 || response.status === 403) await dropPending(pending);
    return { ok: false, problem: 'finish_failed' };
  }
  const session = (await response.json().catch(() => null)) as CitizenSession | null;
  if (!session?.citizen || session.keyId !== pending.keyId) return { ok: false, problem: 'finish_failed' };
  const signedIn: CitizenRecord = { ...pending, state: 'signed-in', standIn: session.standIn === true, session };
  await keepCitizen(db, signedIn);
  await db.meta.delete(PENDING_META);
  await fillProfile(session).catch(() => undefined);
  const signed = await signCitizenItems(db, signedIn);
  if (signed.length > 0) {
    void requestBackgroundSync();
    void sendNow();
  }
  return { ok: true, session };
}

async function pendingSignIn(): Promise<CitizenRecord | null> {
  const waiting = (await db.meta.get(PENDING_META))?.value as CitizenRecord | undefined;
  if (waiting?.keyId) return waiting;
  const record = await readCitizen(db);
  return record?.state === 'pending' ? record : null;
}

async function dropPending(pending: CitizenRecord): Promise<void> {
  await db.meta.delete(PENDING_META);
  await forgetCitizen(db, pending.keyId);
}

/** The details OneID vouches for, written into the profile that prefills forms (the phone number only where none was given). */
async function fillProfile(session: CitizenSession): Promise<void> {
  const vault = vaultFor(OWNER_SELF);
  const { citizen } = session;
  const values: Partial<Record<ProfileKey, string | null>> = {
    pinfl: citizen.pinfl, lastName: citizen.lastName, firstName: citizen.firstName, patronymic: citizen.middleName,
  };
  const before = await profileValues(await db.profiles.get(OWNER_SELF), vault);
  if (citizen.phone && !before.phone) values.phone = citizen.phone;
  for (const [key, value] of Object.entries(values)) {
    if (value) await saveProfileValue(db, OWNER_SELF, key as ProfileKey, value, vault);
  }
}

/** A request of the signed-in citizen: this phone's device key and the citizen's signed read of `path`. */
async function signedFetch(citizen: CitizenRecord, method: 'GET' | 'POST', path: string): Promise<Response> {
  return fetch(path, {
    method,
    headers: { [DEVICE_KEY_HEADER]: await deviceKey(db), ...(await citizenReadHeaders(citizen, method, path, Date.now())) },
    credentials: 'same-origin',
  });
}

/** Whether the server has ended the sign-in behind this answer; if so it is forgotten here too. */
async function forgetIfEnded(citizen: CitizenRecord, response: Response): Promise<boolean> {
  if (response.status !== 401 && response.status !== 403) return false;
  const code = ((await response.clone().json().catch(() => null)) as { error?: { code?: unknown } } | null)?.error?.code;
  if (typeof code !== 'string' || !ENDED_CODES.includes(code)) return false;
  await forgetCitizen(db, citizen.keyId);
  return true;
}

export type SignOutOutcome = 'done' | 'offline' | 'server';

/**
 * Signs the citizen out: the server ends the key first (for every instance at once), then nothing
 * of it stays here. Offline it does nothing: a key forgotten here but live on the server would still
 * be the citizen's, so ending it is the server's to do.
 */
export async function citizenSignOut(): Promise<SignOutOutcome> {
  const citizen = await signedInCitizen(db);
  if (!citizen) return 'done';
  if (!navigator.onLine) return 'offline';
  let response: Response;
  try {
    response = await signedFetch(citizen, 'POST', IDENTITY_PATHS.signOut);
  } catch {
    return 'offline';
  }
  if (response.ok || (await forgetIfEnded(citizen, response))) {
    await forgetCitizen(db, citizen.keyId);
    return 'done';
  }
  return 'server';
}

/** The phones the citizen is signed in on, this one marked; null when the server could not say. */
export async function citizenPhones(): Promise<CitizenPhone[] | null> {
  const citizen = await signedInCitizen(db);
  if (!citizen || !navigator.onLine) return null;
  try {
    const response = await signedFetch(citizen, 'GET', IDENTITY_PATHS.phones);
    if (!response.ok) {
      await forgetIfEnded(citizen, response);
      return null;
    }
    const body = (await response.json()) as { phones?: unknown };
    return Array.isArray(body.phones) ? (body.phones as CitizenPhone[]) : null;
  } catch {
    return null;
  }
}

/** Ends the citizen's sign-in on another of their phones; false when it did not happen. */
export async function removeCitizenPhone(keyId: string): Promise<boolean> {
  const citizen = await signedInCitizen(db);
  if (!citizen || keyId === citizen.keyId) return false;
  try {
    const response = await signedFetch(citizen, 'POST', IDENTITY_PATHS.revoke(keyId));
    if (!response.ok) await forgetIfEnded(citizen, response);
    return response.ok;
  } catch {
    return false;
  }
}
