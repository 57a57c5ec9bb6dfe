import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AUTH_PATHS, DEVICE_KEY_HEADER, type ItemResult, type P256PublicJwk, type SealKey } from '../../src/contract/index';
import type { RateLimit } from '../http/rate-limit';
import { DEFAULT_REQUEST_LIMITS, type GroupLimit, type LimitGroup } from '../http/request-limits';
import { STAND_IN_CITIZENS } from '../identity/stand-in-citizens';
import { backOfficeCsrfToken } from '../test-support/back-office-client';
import { newCitizenPhone, signInAs, signedRead } from '../test-support/citizen-fixtures';
import {
  addOperator, newDelegationKey, newDeviceKey, newReplyKey, onBehalfOf, postAuth, signIn, signInDelegating, vouched,
} from '../test-support/operator-fixtures';
import { standInKey } from '../payments/payme-settings';
import { DB_FILE } from '../storage/db-file';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { jpegLikeBytes, submit, validItem } from '../test-support/submission-fixtures';
import { fileCounter } from './file-counter';
import type { ProofSigners } from './proof-later';

/** Long enough for any rule on the admin token's length. */
const ADMIN_TOKEN = 'fuzz-admin-token-'.padEnd(48, 'x');
/** Far above what the fuzz sends: refusals for too many requests would stop requests short of the code they aim at. */
const UNLIMITED: RateLimit = { max: 1_000_000_000, windowMs: 60_000 };
/**
 * The fuzz's few phones and its thousands of requests would meet the limits per phone and overall:
 * those are raised. The limits per source address stay as in production: each fuzz request comes
 * from an address of its own (sourceAddress in fuzz-run.ts), which also keeps the lock-outs after
 * wrong passwords (per address, kept in the database) from refusing everything after the first few,
 * and one address is sent over its limit on purpose (api-fuzz.test.ts).
 */
const SOURCE_LIMITS = Object.fromEntries(Object.entries(DEFAULT_REQUEST_LIMITS.groups).map(([group, limit]) => [group, { ...limit, overall: UNLIMITED }])) as Record<LimitGroup, GroupLimit>;
/** The harness plays the balancer in front of the server (XIZMAT_TRUST_PROXY): it connects from the loopback and names the client in X-Forwarded-For. */
const PROXY = '127.0.0.1';
/** Spare sign-ins for the refresh and sign-out operations to use up. */
const SPARE_SESSIONS = 3;
const PARTIAL_UPLOAD_BYTES = 4_000;
const TUS = { 'Tus-Resumable': '1.0.0' };

/** What a fuzz run counts before and after each request: a refused request must not raise any of these. */
export interface StoreCounts {
  submissions: number;
  feedback: number;
  statusEvents: number;
  deviceEvents: number;
  refreshTokens: number;
  uploads: number;
}

/**
 * A real server (SQLite in a temp dir, uploads on, the back office on, behind a trusted proxy) and
 * the state a fuzz run needs to get requests past the first checks: an operator signed in on a
 * phone with a delegation key (and one whose sign-in ended), a phone an admin revoked, stored
 * applications with their phone's key, one returned for correction with a reply key and an
 * on-behalf one returned too, the seal key, the catalogue's version, a phone's half-finished
 * upload and the CSRF token of a back-office page.
 */
export interface FuzzWorld {
  /** The stand-in Payme cashbox key the server was given (payments/payme-settings.ts). */
  paymeKey: string;
  server: TestServer;
  origin: string;
  adminToken: string;
  /** The CSRF token of a back-office page, as a browser that loaded it holds it. */
  csrfToken: string;
  operatorId: string;
  /** The phone the operator signed in on: the operator's access token is taken only with this device key. */
  boundKey: string;
  accessToken: string;
  /** What on-behalf items are signed with: the sign-in's delegation key, and keys the server must refuse. */
  signers: ProofSigners;
  /** The reply key of the phone that sent `storedIds` (its public half is in the returned ones). */
  replyKey: P256PublicJwk;
  /** Refresh tokens of other sign-ins on boundKey, for refresh and sign-out. */
  refreshTokens: string[];
  revokedKey: string;
  /** The phone that sent `storedIds`. */
  senderKey: string;
  storedIds: string[];
  storedNumbers: string[];
  /** Stored by senderKey and returned for correction: revision 2 of it is taken from that phone. */
  returnedId: string;
  /** Stored by senderKey with its reply key and returned; no generated request corrects it, so its answers come back sealed in every status page. */
  returnedToReadId: string;
  /** Stored on behalf of a resident and returned: revision 2 of it is taken with the operator's proof, from any phone. */
  returnedOnBehalfId: string;
  sealKey: SealKey;
  catalogue: { epoch: string; version: number; etag: string };
  /**
   * A citizen signed in on three phones through the stand-in OneID: the signed reads the documented
   * requests make (fresh for minutes: they are sent first), one phone to sign out and one to remove.
   */
  citizen: {
    signIn: { citizenKey: P256PublicJwk; replyKey: P256PublicJwk };
    reads: Record<'me' | 'phones' | 'signOut', Record<string, string>>;
    revoke: { path: string; headers: Record<string, string> };
  };
  /** An upload senderKey created with PARTIAL_UPLOAD_BYTES and sent half: that phone's own. */
  partialUpload: { id: string; length: number; offset: number };
  counts(): StoreCounts;
  close(): Promise<void>;
}

export async function startFuzzWorld(): Promise<FuzzWorld> {
  // A built app of one file, so a navigation the fuzz makes gets the shell rather than "not built".
  const distDir = await mkdtemp(join(tmpdir(), 'xizmat-fuzz-dist-'));
  await writeFile(join(distDir, 'index.html'), '<!doctype html><title>Xizmat</title>');
  const server = await startTestServer({ adminToken: ADMIN_TOKEN, distDir, rateLimit: UNLIMITED, sourceLimits: SOURCE_LIMITS, trustProxy: [PROXY] });
  const { origin, storage } = server;

  const operatorId = await addOperator(storage, 'fuzz-operator');
  const boundKey = newDeviceKey();
  const { pair: { accessToken }, delegation: live } = await signInDelegating(origin, 'fuzz-operator', boundKey);
  const refreshTokens: string[] = [];
  for (let i = 0; i < SPARE_SESSIONS; i++) refreshTokens.push((await signIn(origin, 'fuzz-operator', boundKey)).refreshToken);
  const ended = await signInDelegating(origin, 'fuzz-operator', boundKey);
  const signedOut = await postAuth(origin, AUTH_PATHS.logout, { refreshToken: ended.pair.refreshToken }, null);
  if (signedOut.status !== 204) throw new Error(`the sign-out answered ${signedOut.status}`);

  const revokedKey = newDeviceKey();
  const otherOperatorId = await addOperator(storage, 'fuzz-revoked');
  await signIn(origin, 'fuzz-revoked', revokedKey);
  await storage.operators.revokeDevices({ hashPrefix: createHash('sha256').update(revokedKey).digest('hex') }, new Date().toISOString());
  const signers: ProofSigners = { live, ended: ended.delegation, unregistered: { ...(await newDelegationKey()), operatorId }, otherOperatorId };

  const senderKey = newDeviceKey();
  const replyKey = (await newReplyKey()).publicKey;
  const items = [validItem({ replyKey }), validItem(), validItem({ onBehalf: onBehalfOf(operatorId), replyKey }), validItem({ replyKey })];
  const results = allStored(await submit(origin, items.slice(0, 2), { [DEVICE_KEY_HEADER]: senderKey }));
  allStored(await submit(origin, [await vouched(items[2]!, live)], { [DEVICE_KEY_HEADER]: boundKey }));
  allStored(await submit(origin, items.slice(3), { [DEVICE_KEY_HEADER]: senderKey }));
  const [returnedId, , returnedOnBehalfId, returnedToReadId] = items.map((item) => item.id) as [string, string, string, string];
  for (const application of [returnedId, returnedOnBehalfId, returnedToReadId]) {
    await storage.moveStatus({ application, to: 'returned', message: { en: 'Check the birth date.' }, actor: 'fuzz' });
  }

  const sealKey = (await (await fetch(`${origin}/api/v1/seal-key`)).json()) as SealKey;
  const catalogueAnswer = await fetch(`${origin}/api/v1/catalogue`);
  const { epoch, version } = (await catalogueAnswer.json()) as { epoch: string; version: number };
  const partialUpload = await createPartialUpload(origin, senderKey);
  const csrfToken = await backOfficeCsrfToken(origin, ADMIN_TOKEN);
  const citizen = await signedInCitizen(origin);

  const db = new Database(join(server.dataDir, DB_FILE), { readonly: true });
  const countRows = db.prepare(`SELECT
    (SELECT COUNT(*) FROM submissions) AS submissions, (SELECT COUNT(*) FROM feedback) AS feedback,
    (SELECT COUNT(*) FROM status_events) AS statusEvents, (SELECT COUNT(*) FROM device_events) AS deviceEvents,
    (SELECT COUNT(*) FROM refresh_tokens) AS refreshTokens`);
  // Finished uploads at the top, unfinished ones in a folder per phone.
  const uploads = fileCounter(join(server.dataDir, 'uploads'));
  return {
    paymeKey: await standInKey(storage.operators, () => new Date()),
    server, origin, adminToken: ADMIN_TOKEN, csrfToken, operatorId, boundKey, accessToken, signers, replyKey, refreshTokens, revokedKey, senderKey,
    storedIds: items.map((item) => item.id),
    storedNumbers: results.map((result) => ('receipt' in result ? result.receipt.number : '')),
    returnedId, returnedOnBehalfId, returnedToReadId, sealKey,
    catalogue: { epoch, version, etag: catalogueAnswer.headers.get('etag') ?? '' },
    partialUpload, citizen,
    counts: () => ({ ...(countRows.get() as Omit<StoreCounts, 'uploads'>), uploads: uploads() }),
    close: async () => {
      db.close();
      await server.close();
      await rm(distDir, { recursive: true, force: true });
    },
  };
}

async function signedInCitizen(origin: string): Promise<FuzzWorld['citizen']> {
  const [reader, leaving, lost, fresh] = await Promise.all([newCitizenPhone(), newCitizenPhone(), newCitizenPhone(), newCitizenPhone()]);
  for (const phone of [reader, leaving, lost]) {
    const run = await signInAs(origin, phone, `${STAND_IN_CITIZENS[0]!.firstName} ${STAND_IN_CITIZENS[0]!.lastName}`);
    if (run.landed !== '/profile?sign-in=done') throw new Error(`the fuzz's citizen did not sign in: ${run.landed}`);
  }
  const revokePath = `/api/v1/identity/phones/${lost.keyId}/revoke`;
  return {
    signIn: { citizenKey: fresh.publicKey, replyKey: fresh.reply.publicKey },
    reads: {
      me: await signedRead(reader, 'GET', '/api/v1/identity/me'),
      phones: await signedRead(reader, 'GET', '/api/v1/identity/phones'),
      signOut: await signedRead(leaving, 'POST', '/api/v1/identity/sign-out'),
    },
    revoke: { path: revokePath, headers: await signedRead(reader, 'POST', revokePath) },
  };
}

/** The results of a batch the world needs stored whole: a refusal would leave the fuzz short of what it builds on. */
function allStored(results: ItemResult[]): ItemResult[] {
  const refused = results.filter((result) => result.status !== 201);
  if (refused.length > 0) throw new Error(`the fuzz's world was not stored: ${JSON.stringify(refused)}`);
  return results;
}

async function createPartialUpload(origin: string, deviceKey: string): Promise<FuzzWorld['partialUpload']> {
  const bytes = jpegLikeBytes(PARTIAL_UPLOAD_BYTES);
  const id = createHash('sha256').update(bytes).digest('hex');
  const metadata = `sha256 ${Buffer.from(id).toString('base64')},filetype ${Buffer.from('image/jpeg').toString('base64')}`;
  const created = await fetch(`${origin}/api/v1/uploads`, {
    method: 'POST', headers: { ...TUS, [DEVICE_KEY_HEADER]: deviceKey, 'Upload-Length': String(bytes.length), 'Upload-Metadata': metadata },
  });
  const offset = bytes.length / 2;
  const patched = await fetch(`${origin}/api/v1/uploads/${id}`, {
    method: 'PATCH',
    headers: { ...TUS, [DEVICE_KEY_HEADER]: deviceKey, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
    body: new Uint8Array(bytes.subarray(0, offset)),
  });
  if (created.status !== 201 || patched.status !== 204) throw new Error(`the partial upload answered ${created.status}, ${patched.status}`);
  return { id, length: bytes.length, offset };
}

