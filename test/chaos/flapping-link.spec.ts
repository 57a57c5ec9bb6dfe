// Fault scenario 16 of docs/reliability.md: connectivity that comes and goes at random on three
// phones at once, each behind its own link, sending to the one real server while people keep applying.
import { expect, test } from '@playwright/test';
import { ChaosRun, allFigures } from './support/chaos-run';
import { writeChaosSummary } from './support/chaos-summary';
import { expectClean } from './support/expect-clean';
import { storedRows } from './support/server-rows';

const PHONES = 3;
/** The plan's 200 applications over half an hour in the soak; a short seeded version otherwise. */
const PER_PHONE = process.env.CHAOS_SOAK ? 67 : 5;
/** How long the link stays up or down before it changes: the plan's 1-30 s in the soak, shorter otherwise. */
const FLAP_MS = process.env.CHAOS_SOAK ? { min: 1_000, max: 30_000 } : { min: 200, max: 3_000 };
/** In the soak the applications are spread over this long, as people apply through a day of patchy coverage. */
const APPLYING_MS = process.env.CHAOS_SOAK ? 30 * 60_000 : 10_000;

const runs: ChaosRun[] = [];
test.afterEach(async () => { await Promise.all(runs.map((r) => r.stop())); runs.length = 0; });
test.afterAll(() => writeChaosSummary('flapping-link', allFigures.splice(0)));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Turns a phone's link down and up at random until `stopped` says so; returns how many times it changed. */
async function flap(r: ChaosRun, stopped: () => boolean): Promise<number> {
  let down = false;
  let changes = 0;
  while (!stopped()) {
    down = !down;
    r.link({ down });
    changes++;
    await pause(FLAP_MS.min + Math.floor(r.random() * (FLAP_MS.max - FLAP_MS.min)));
  }
  r.link({});
  return changes;
}

test('16. a link that comes and goes at random on three phones while they apply: each application delivered once, drain times reported', async () => {
  test.setTimeout(process.env.CHAOS_SOAK ? 3_600_000 : 240_000);
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
  for (let i = 0; i < PHONES; i++) runs.push(new ChaosRun(`flapping-${i + 1}`, seed + i));
  for (const r of runs) await r.start();
  let drained = false;
  const flapping = runs.map((r) => flap(r, () => drained));
  await Promise.all(runs.map(async (r) => {
    r.startDrainClock();
    for (let k = 0; k < PER_PHONE; k++) {
      await r.submit(1);
      await pause(Math.floor(r.random() * (2 * APPLYING_MS / PER_PHONE)));
    }
  }));
  await Promise.all(runs.map((r) => r.drain(process.env.CHAOS_SOAK ? 1_800_000 : 180_000)));
  drained = true;
  const changes = await Promise.all(flapping);
  for (const r of runs) await expectClean(r);
  // Each application's wait: from the moment the app said it was saved to its arrival on the server.
  const rows = new Map(storedRows().map((row) => [row.id, row]));
  const all = runs.flatMap((r) => r.ledger.map((e) => Date.parse(rows.get(e.id)!.receivedAt) - e.savedAt!)).sort((a, b) => a - b);
  const at = (p: number) => all[Math.min(all.length - 1, Math.floor(p * all.length))]!;
  expect(all).toHaveLength(PHONES * PER_PHONE);
  console.log(`chaos flapping: ${PHONES} phones, ${all.length} applications, link changes ${changes.join('/')}, from saved to stored p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${all.at(-1)} ms; seeds ${runs.map((r) => r.seed).join(', ')}`);
});
