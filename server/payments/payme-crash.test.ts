import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KEY_HEADER, type StatusesResponse } from '../../src/contract/index';
import { FIXTURE_FEE_TIYIN, feeContentDir } from '../test-support/fee-content';
import { exitCode, startMain, type StartedMain } from '../test-support/start-main';
import { submit, TEST_DEVICE_KEY, validItem } from '../test-support/submission-fixtures';
import { SqliteStorage } from '../storage/sqlite-storage';
import { DB_FILE } from '../storage/db-file';
import { PAYME_PATH } from './payme-routes';
import { standInKey } from './payme-settings';
import { callPayme, paymeTransactionId, type PaymeCaller } from './stand-in-payme';

// The server process killed (SIGKILL, no chance to finish anything) in the middle of a payment, between
// Payme's calls and right after one whose answer Payme never read: what Payme asks next must find
// exactly what was committed, so that its retries end in one payment.

const dirs: string[] = [];
const running: StartedMain[] = [];
afterEach(async () => {
  for (const main of running.splice(0)) {
    // A process killed by a signal has no exit code, only its signal.
    if (main.child.exitCode === null && main.child.signalCode === null) {
      main.child.kill('SIGKILL');
      await exitCode(main.child);
    }
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(dataDir: string, contentDir: string): Promise<StartedMain> {
  const main = await startMain({ DATA_DIR: dataDir, CONTENT_DIR: contentDir, DIST_DIR: join(dataDir, 'no-dist'), LOG_LEVEL: 'info' });
  running.push(main);
  return main;
}

async function kill(main: StartedMain): Promise<void> {
  main.child.kill('SIGKILL');
  await exitCode(main.child);
}

/** The stand-in cashbox key the server keeps in its database, read from the file as `npm run admin` does. */
async function cashboxKey(dataDir: string): Promise<string> {
  const storage = new SqliteStorage(join(dataDir, DB_FILE));
  try {
    return await standInKey(storage.operators, () => new Date());
  } finally {
    await storage.close();
  }
}

describe('a payment across a server killed mid-way', () => {
  // Three cold starts of the server through tsx: a few seconds each on a loaded machine.
  it('keeps a created transaction, performs it once after the restart, and answers the retries unchanged', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xizmat-crash-'));
    dirs.push(dataDir);
    const contentDir = await feeContentDir(dirs);
    let main = await start(dataDir, contentDir);
    const item = validItem();
    await submit(main.origin, [item]);
    const statuses = async (origin: string) => ((await (await fetch(`${origin}/api/v1/statuses`, { headers: { [DEVICE_KEY_HEADER]: TEST_DEVICE_KEY } })).json()) as StatusesResponse).changes;
    const reference = (await statuses(main.origin))[0]!.invoice!.reference;
    const payme = (origin: string): PaymeCaller => ({ url: `${origin}${PAYME_PATH}`, key });
    const key = await cashboxKey(dataDir);

    const id = paymeTransactionId();
    const time = Date.now();
    const account = { invoice: reference };
    const created = await callPayme(payme(main.origin), 'CreateTransaction', { id, time, amount: FIXTURE_FEE_TIYIN, account });
    await kill(main);

    // Payme did not hear back in time and asks again: the same answer from the new process.
    main = await start(dataDir, contentDir);
    expect(await callPayme(payme(main.origin), 'CreateTransaction', { id, time, amount: FIXTURE_FEE_TIYIN, account })).toEqual(created);
    const performed = await callPayme(payme(main.origin), 'PerformTransaction', { id });
    expect(performed).toMatchObject({ state: 2, transaction: created.transaction });
    // Killed right after it committed the payment, before Payme read the answer: the retry gets the stored one.
    await kill(main);
    main = await start(dataDir, contentDir);
    expect(await callPayme(payme(main.origin), 'PerformTransaction', { id })).toEqual(performed);
    expect(await callPayme(payme(main.origin), 'CheckTransaction', { id })).toMatchObject({ state: 2, perform_time: performed.perform_time });

    const statement = await callPayme(payme(main.origin), 'GetStatement', { from: 0, to: Date.now() }) as { transactions: unknown[] };
    expect(statement.transactions).toHaveLength(1);
    const [change] = await statuses(main.origin);
    expect(change).toMatchObject({ id: item.id, status: 'received', invoice: { state: 'paid', paidVia: { provider: 'payme', transaction: id } } });
  });
});
