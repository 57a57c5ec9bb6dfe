// Loaded with the store, after first paint: operators, PIN locks and residents on a shared phone (docs/security.md).
import { AUTH_PATHS, DEVICE_KEY_HEADER, checkPinfl, isPin, normalizePinfl, type ErrorBody, type OnBehalf, type TokenPair } from '../contract/index';
import { OWNER_SELF, operatorOwner, residentOwner, type OperatorRow, type ResidentRow } from '../core/db/records';
import { deviceKey } from '../core/device/device-key';
import { adoptOrphans } from '../core/outbox/adopt-orphans';
import { signItemAgain, type DelegationSigner } from '../core/outbox/sign-item';
import { createLock } from '../core/vault/create-lock';
import { delegationSigner, keepDelegationKey, newDelegationKey, type NewDelegationKey } from '../core/vault/delegation-key';
import { decryptJson } from '../core/vault/decrypt-json';
import { encryptJson } from '../core/vault/encrypt-json';
import { lockTimer } from '../core/vault/lock-timer';
import { sealOwnerData } from '../core/vault/seal-owner-data';
import { unlockVault } from '../core/vault/unlock-vault';
import type { Vault } from '../core/vault/vault';
import { wipeOwner } from '../core/vault/wipe-owner';
import { db } from './app-db';
import { LOCKED_FLAG, sessionView, setSessionView } from './session-signal';

/** How often the inactivity check runs while the app is open. */
const AUTO_LOCK_CHECK_MS = 15_000;

/**
 * Additional data binding a resident's sealed details and an operator's refresh token to their
 * rows. WARNING: part of the stored format.
 */
const aad = {
  resident: (operatorId: string, id: string) => `xizmat resident ${operatorId} ${id}`,
  refresh: (operatorId: string) => `xizmat refresh ${operatorId}`,
};

/** A resident's details as kept sealed under the operator's key. */
interface ResidentDetails {
  name: string;
  /** Absent for residents added before the phone asked, or without one given: they keep working. */
  pinfl?: string;
}

export interface Resident {
  id: string;
  name: string;
  pinfl?: string;
}

/** The unlocked vault lives only here, in memory; locking drops it. */
let vault: Vault | null = null;
/** The signed-in operator's delegation key, unlocked with the vault and dropped with it. */
let signer: DelegationSigner | null = null;
let operator: OperatorRow | null = null;
let resident: Resident | null = null;
/**
 * The resident chosen when the phone locked, chosen again at unlock so the operator is where they
 * were. Only its random id, and only in memory: a reload forgets it like the keys.
 */
let residentAtLock: string | null = null;
/** A sign-in waiting for its PIN to be chosen, with the delegation key made for it. */
let pendingSignIn: (TokenPair & { delegation: NewDelegationKey }) | null = null;
let lastActivityAt = Date.now();

function setLockedFlag(locked: boolean): void {
  try {
    if (locked) localStorage.setItem(LOCKED_FLAG, '1');
    else localStorage.removeItem(LOCKED_FLAG);
  } catch {
    // Private mode without storage: the PIN screen then shows after the store loads instead.
  }
}

/** The owner whose lock protects this phone: the signed-in operator's, else the citizen's own if they chose a PIN. */
async function primaryLock(): Promise<string | null> {
  const signedIn = await db.operators.toCollection().first();
  if (signedIn && (await db.locks.get(operatorOwner(signedIn.id)))) return operatorOwner(signedIn.id);
  return (await db.locks.get(OWNER_SELF)) ? OWNER_SELF : null;
}

let started: Promise<void> | null = null;

/** Reads who is signed in and whether a PIN protects the phone; starts the inactivity lock. */
export function startSession(): Promise<void> {
  started ??= (async () => {
    const signedIn = (await db.operators.toCollection().first()) ?? null;
    const locked = (await primaryLock()) !== null;
    operator = signedIn && (await db.locks.get(operatorOwner(signedIn.id))) ? signedIn : null;
    setLockedFlag(locked && vault === null);
    setSessionView({
      mode: operator ? 'operator' : 'citizen',
      locked: locked && vault === null,
      owner: operator ? operatorOwner(operator.id) : OWNER_SELF,
      operatorName: operator?.displayName ?? null,
      residentName: null,
    });
    watchInactivity();
  })();
  return started;
}

function watchInactivity(): void {
  const touch = () => { lastActivityAt = Date.now(); };
  for (const event of ['pointerdown', 'keydown', 'scroll', 'touchstart']) window.addEventListener(event, touch, { passive: true });
  window.setInterval(() => {
    if (vault && lockTimer(lastActivityAt, Date.now()).locked) lock();
  }, AUTO_LOCK_CHECK_MS);
}

/** Drops the keys from memory: everything personal needs the PIN again. Sealed items still send. */
export function lock(): void {
  if (!vault) return;
  vault = null;
  signer = null;
  residentAtLock = resident?.id ?? null;
  resident = null;
  setLockedFlag(true);
  setSessionView({ locked: true, owner: operator ? operatorOwner(operator.id) : OWNER_SELF, residentName: null });
}

type UnlockOutcome = { ok: true } | { ok: false; reason: 'wrong_pin'; attemptsLeft: number } | { ok: false; reason: 'wiped' | 'no_lock' };

/** Opens the phone's lock with the PIN; the fifth wrong PIN in a row wipes what it protected. */
export async function unlock(pin: string): Promise<UnlockOutcome> {
  await startSession();
  const owner = await primaryLock();
  if (!owner) return { ok: false, reason: 'no_lock' };
  const result = await unlockVault(db, owner, pin);
  if (!result.ok) {
    if (result.reason === 'wiped') {
      // The keys are gone; the operator signs in again (online). Queued sealed items stay and send.
      operator = null;
      residentAtLock = null;
      setLockedFlag(false);
      setSessionView({ mode: 'citizen', locked: false, owner: OWNER_SELF, operatorName: null, residentName: null, wiped: true });
    }
    return result;
  }
  vault = result.vault;
  signer = operator && result.vault.owner === operatorOwner(operator.id) ? await delegationSigner(result.vault, operator).catch(() => null) : null;
  lastActivityAt = Date.now();
  // Back to the resident of before the lock, in the same change that unlocks: no screen of the operator's own in between.
  const before = residentAtLock !== null && operator && vault.owner === operatorOwner(operator.id)
    ? (await listResidents()).find((r) => r.id === residentAtLock) ?? null : null;
  residentAtLock = null;
  resident = before;
  setLockedFlag(false);
  setSessionView({ locked: false, wiped: false, ...(before ? { owner: residentOwner(before.id), residentName: before.name } : {}) });
  void sealWhatCameInClear(result.vault);
  return { ok: true };
}

/**
 * A draft written while the phone was locked (a returned application the service worker reopened
 * from the server's copy) holds answers sealed only to this phone: sealed under the PIN now that
 * the key is at hand.
 */
async function sealWhatCameInClear(opened: Vault): Promise<void> {
  const owners = [opened.owner];
  if (operator && opened.owner === operatorOwner(operator.id)) {
    owners.push(...(await db.residents.where('operator').equals(operator.id).primaryKeys()).map(residentOwner));
  }
  for (const owner of owners) await sealOwnerData(db, opened, owner).catch(() => undefined);
}

/** The vault that reads `owner`'s drafts and profile, or null when that owner keeps them in clear. */
export function vaultFor(owner: string): Vault | null {
  if (!vault) return null;
  if (owner === vault.owner) return vault;
  // An operator's key protects the residents it works for.
  if (owner.startsWith('resident:') && vault.owner.startsWith('operator:')) return vault;
  return null;
}

export type SignInOutcome =
  | { ok: true; needsPin: true; displayName: string }
  | { ok: false; problem: 'invalid_credentials' | 'too_many_attempts' | 'device_revoked' | 'offline' | 'server'; retryAfterS?: number };

/**
 * Signs an operator in (online, once) with a delegation key made for this sign-in, whose signature
 * every on-behalf application will carry; the PIN chosen next unlocks the phone offline later.
 */
export async function signIn(username: string, password: string): Promise<SignInOutcome> {
  let response: Response;
  const delegation = await newDelegationKey();
  try {
    response = await fetch(AUTH_PATHS.login, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DEVICE_KEY_HEADER]: await deviceKey(db) },
      body: JSON.stringify({ username: username.trim().toLowerCase(), password, delegationKey: delegation.publicKey }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, problem: 'offline' };
  }
  if (response.ok) {
    pendingSignIn = { ...((await response.json()) as TokenPair), delegation };
    return { ok: true, needsPin: true, displayName: pendingSignIn.operator.displayName };
  }
  const code = ((await response.json().catch(() => null)) as ErrorBody | null)?.error?.code;
  if (response.status === 429) return { ok: false, problem: 'too_many_attempts', retryAfterS: Number(response.headers.get('retry-after')) || undefined };
  if (code === 'device_revoked') return { ok: false, problem: 'device_revoked' };
  if (response.status === 401) return { ok: false, problem: 'invalid_credentials' };
  return { ok: false, problem: 'server' };
}

/**
 * Finishes a sign-in: the operator's PIN makes their lock; the refresh token and the delegation
 * key are kept under it. What this operator queued for residents this phone no longer knows comes
 * back under the operator, where what needs signing again shows.
 */
export async function choosePin(pin: string): Promise<boolean> {
  const tokens = pendingSignIn;
  if (!tokens || !isPin(pin)) return false;
  const owner = operatorOwner(tokens.operator.id);
  // Signing in again (after a wipe, or a forgotten PIN) starts this operator afresh on this phone.
  const opened = await createLock(db, owner, pin, { replace: true });
  const row: OperatorRow = {
    id: tokens.operator.id, username: tokens.operator.username, displayName: tokens.operator.displayName,
    refresh: await encryptJson(opened, tokens.refreshToken, aad.refresh(tokens.operator.id)),
    delegation: await keepDelegationKey(opened, tokens.operator.id, tokens.delegation), signedInAt: new Date().toISOString(),
  };
  await db.operators.put(row);
  await adoptOrphans(db, row.id);
  pendingSignIn = null;
  vault = opened;
  signer = await delegationSigner(opened, row);
  operator = row;
  lastActivityAt = Date.now();
  setLockedFlag(false);
  setSessionView({ mode: 'operator', locked: false, owner, operatorName: row.displayName, residentName: null, wiped: false });
  return true;
}

/** A citizen protects their own drafts and profile on this phone with a PIN (optional). */
export async function protectWithPin(pin: string): Promise<boolean> {
  if (!isPin(pin) || (await db.locks.get(OWNER_SELF))) return false;
  // createLock encrypts the drafts and profile kept in clear until now.
  vault = await createLock(db, OWNER_SELF, pin);
  lastActivityAt = Date.now();
  return true;
}

/** Whether the citizen's own data has a PIN. */
export async function hasOwnPin(): Promise<boolean> {
  return (await db.locks.get(OWNER_SELF)) !== undefined;
}

/** The residents of the signed-in operator, names read with its key; empty while locked. */
export async function listResidents(): Promise<Resident[]> {
  if (!vault || !operator) return [];
  const rows = await db.residents.where('operator').equals(operator.id).toArray();
  const opened = await Promise.all(rows.map(async (row) => ({ id: row.id, ...(await decryptJson(vault!, row.sealed, aad.resident(row.operator, row.id)) as ResidentDetails) })));
  return opened.sort((a, b) => a.name.localeCompare(b.name));
}

export type ResidentProblem = 'name' | 'pinfl_format' | 'pinfl_date' | 'pinfl_checksum';

/** Why a resident cannot be added as typed, or null; the PINFL is optional, and checked as the server checks it. */
export function residentProblem(name: string, pinfl: string): ResidentProblem | null {
  if (name.trim() === '') return 'name';
  const digits = normalizePinfl(pinfl);
  // Every problem refuses here, the check digit too: the server refuses an on-behalf item whose PINFL fails any.
  return digits === '' ? null : checkPinfl(digits);
}

/**
 * Adds a resident the operator will apply for, with their PINFL when given; their details are kept
 * only under the operator's key.
 */
export async function addResident(name: string, pinfl = ''): Promise<Resident | null> {
  const clean = name.trim();
  if (!vault || !operator || residentProblem(name, pinfl) !== null) return null;
  const digits = normalizePinfl(pinfl);
  const details: ResidentDetails = { name: clean, ...(digits ? { pinfl: digits } : {}) };
  const id = crypto.randomUUID();
  const row: ResidentRow = { id, operator: operator.id, sealed: await encryptJson(vault, details, aad.resident(operator.id, id)), createdAt: new Date().toISOString() };
  await db.residents.add(row);
  return { id, ...details };
}

/** Works for one resident: every list now shows only theirs, nothing of the previous one. */
export async function chooseResident(id: string | null): Promise<void> {
  if (!vault || !operator) return;
  if (id === null) {
    resident = null;
    setSessionView({ owner: operatorOwner(operator.id), residentName: null });
    return;
  }
  const found = (await listResidents()).find((r) => r.id === id);
  if (!found) return;
  resident = found;
  setSessionView({ owner: residentOwner(found.id), residentName: found.name });
}

/** Who applies for whom, with the resident's consent, for an on-behalf application; null for one's own. */
export function onBehalfOf(consent: OnBehalf['consent']): OnBehalf | null {
  if (!operator || !resident || sessionView().owner !== residentOwner(resident.id)) return null;
  return { operatorId: operator.id, resident: { name: resident.name, ...(resident.pinfl ? { pinfl: resident.pinfl } : {}) }, consent };
}

/** What signs on-behalf applications: the unlocked operator's delegation key; null when locked or signed in before there were any. */
export function currentSigner(): DelegationSigner | null {
  return vault && operator && signer?.operatorId === operator.id ? signer : null;
}

export type SignAgainOutcome = 'signed' | 'sign_in' | 'not_yours';

/**
 * Signs an application whose operator's proof the server refused again, with this sign-in's key,
 * and queues it. 'sign_in': no unlocked sign-in with a key here; 'not_yours': another operator made it.
 */
export async function signAgain(id: string): Promise<SignAgainOutcome> {
  const current = currentSigner();
  if (!current) return 'sign_in';
  const row = await db.outbox.get(id);
  const residentId = row?.owner.startsWith('resident:') ? row.owner.slice('resident:'.length) : null;
  const operatorOfOwner = residentId ? (await db.residents.get(residentId))?.operator ?? null : null;
  return (await signItemAgain(db, id, current, operatorOfOwner)) ? 'signed' : 'not_yours';
}

/**
 * Signs the operator out of this phone: the sign-in is ended on the server when online (its
 * tokens and delegation key), and the operator's lock, delegation key, residents and their drafts
 * are wiped here. Queued sealed items stay; on-behalf ones signed before now are refused until the
 * operator signs in again and signs them again (docs/security.md says why).
 */
export async function signOut(): Promise<void> {
  if (!operator) return;
  const row = operator;
  if (vault && row.refresh) {
    const refreshToken = await decryptJson(vault, row.refresh, aad.refresh(row.id)).catch(() => null);
    if (typeof refreshToken === 'string') {
      await fetch(AUTH_PATHS.logout, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) }).catch(() => undefined);
    }
  }
  await wipeOwner(db, operatorOwner(row.id));
  await db.operators.delete(row.id);
  operator = null;
  vault = null;
  signer = null;
  resident = null;
  residentAtLock = null;
  const ownLock = await hasOwnPin();
  setLockedFlag(ownLock);
  setSessionView({ mode: 'citizen', locked: ownLock, owner: OWNER_SELF, operatorName: null, residentName: null });
}

