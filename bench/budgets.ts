// npm run bench: the budgets of docs/performance.md measured on the built app served by the real
// server, beside a floor (the same first screen and form as static HTML, same server), on profiles
// P0 to P3 with the CPU calibrated to this machine (docs/performance.md, "CPU calibration"). Writes
// its section of docs/benchmarks.md. Run after a build: XIZMAT_DIST picks the build,
// XIZMAT_BENCH_PORT the port (and the next one), BENCH_RUNS the runs per figure (5; the median is
// reported).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { measureBytes } from '../scripts/report-size';
import { chromiumPath } from '../test/e2e/support/chromium-path';
import { buildFloor } from './support/floor';
import { firstContact } from './support/first-contact';
import { FIRST_CONTACT, calibrate, profiles, type Profile } from './support/profiles';
import { repeatVisit, type RepeatFigures } from './support/repeat-visit';
import { writeSection, type Results } from './support/write-results';
import { firstVisit, type Goal, type VisitFigures } from './support/visit';

const DIST = resolve(process.env.XIZMAT_DIST ?? 'dist');
const PORT = Number(process.env.XIZMAT_BENCH_PORT ?? 8283);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FLOOR_DIR = resolve('.tmp/bench-floor');

function startServer(port: number, distDir: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DIST_DIR: distDir, LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'xizmat-bench-')) },
    stdio: 'ignore',
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

type Page = 'home' | 'form';
const PAGES: Array<[Page, string, string, Goal]> = [['home', '/', '/', 'ready'], ['form', '/services/birth-certificate-copy', '/form.html', 'form']];

async function main(): Promise<void> {
  const load = loadavg()[0]!;
  const app = startServer(PORT, DIST);
  let floor: ChildProcess | null = null;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--disable-gpu', '--disable-quic'] });
  try {
    const appUrl = `http://127.0.0.1:${PORT}`;
    const floorUrl = `http://127.0.0.1:${PORT + 1}`;
    await waitForServer(`${appUrl}/api/v1/catalogue`);
    const calibration = await calibrate(browser);
    console.log(`benchmarkIndex ${calibration.benchmarkIndex}: low-end CPU slowdown ${calibration.slowdown}x`);
    await buildFloor(browser, appUrl, DIST, FLOOR_DIR);
    floor = startServer(PORT + 1, FLOOR_DIR);
    await waitForServer(`${floorUrl}/form.html`);
    const all = profiles(calibration.slowdown);
    const contact = await firstContact(browser, appUrl, floorUrl, [FIRST_CONTACT, all.find((p) => p.id === 'P2')!], RUNS);
    const first: Results['first'] = [];
    for (const profile of all.filter((p): p is Profile => p.network !== null)) {
      const runs: Record<string, VisitFigures[]> = {};
      for (let i = 0; i < RUNS; i++) {
        for (const [page, appPath, floorPath, goal] of PAGES) {
          for (const [who, url] of [['app', appUrl + appPath], ['floor', floorUrl + floorPath]] as const) {
            const figures = await firstVisit(browser, url, profile, goal).catch((e: unknown) => { console.error(`${profile.id} ${who} ${page}: ${String(e)}`); return null; });
            if (figures) (runs[`${who}:${page}`] ??= []).push(figures);
          }
        }
        console.log(`${profile.id} run ${i + 1}/${RUNS} done`);
      }
      first.push({ profile, runs });
    }
    const p3 = all.find((p) => p.id === 'P3')!;
    const repeat: RepeatFigures[] = [];
    for (let i = 0; i < RUNS; i++) {
      repeat.push(await repeatVisit(browser, PORT, p3));
      console.log(`P3 run ${i + 1}/${RUNS} done`);
    }
    writeSection({
      runs: RUNS, calibration, profiles: all, bytes: measureBytes(DIST), first, repeat, contact,
      machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium ${browser.version()}`,
      load: [load, loadavg()[0]!],
    });
  } finally {
    await browser.close();
    app.kill('SIGTERM');
    floor?.kill('SIGTERM');
  }
}

void main().catch((e: unknown) => { console.error(e); process.exit(1); });
