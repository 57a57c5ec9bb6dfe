// npm run bench:load: server instances on one PostgreSQL behind a round-robin balancer, and one
// instance on SQLite, taking the same burst of batches from many simulated phones (README.md,
// "Several instances on PostgreSQL"). Writes its section of docs/benchmarks.md between its markers.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DB_FILE } from '../server/storage/db-file';
import { FIXTURE_CONTENT_DIR } from '../server/test-support/start-test-server';
import { startPostgresCluster, type PostgresCluster } from '../server/test-support/postgres-cluster';
import { processCpuMs, treeCpuMs } from './load-cpu';
import { runPhones, type LoadFigures, type PhoneLoad } from './load-phones';
import { percentile } from './support/write-results';

const DOC = 'docs/benchmarks.md';
const START = '<!-- load:start -->';
const END = '<!-- load:end -->';
/** Ports of this bench (the project keeps 83xx for servers): the balancer, then one per instance. */
const BALANCER_PORT = 8370;
/** Limits far above the burst, per address and overall, so the bench measures the server rather than its limits. */
const BENCH_REQUEST_LIMITS = ['submissions', 'feedback', 'uploads', 'catalogue', 'api'].map((group) => `${group}=100000000/100000000`).join(',');
const FIRST_INSTANCE_PORT = 8371;
/** A server started through tsx compiles on the fly: a few seconds on a loaded machine. */
const START_TIMEOUT_MS = 30_000;
const START_POLL_MS = 200;
/** After the servers stop, time for PostgreSQL to reap their backends into the postmaster's CPU count. */
const REAP_WAIT_MS = 1_000;

/**
 * The burst: every phone comes into coverage with 1 to 12 applications queued and sends them in
 * batches of up to 10; one batch in five is sent again after its answer (the answer was lost) and
 * one in ten twice at once (Background Sync and the page flushing together).
 */
const BURST: PhoneLoad = { phones: 2_000, maxQueued: 12, batchSize: 10, concurrency: 64, retryRate: 0.2, twinRate: 0.1, seed: 10 };
/** Before each measured burst: fills pools, caches and the JIT. Its rows count in the duplicate check too. */
const WARM_UP: PhoneLoad = { ...BURST, phones: 100, seed: 11 };

interface Setup {
  name: string;
  database: 'postgres' | 'sqlite';
  instances: number;
}

const SETUPS: Setup[] = [
  { name: 'PostgreSQL, 2 instances', database: 'postgres', instances: 2 },
  { name: 'PostgreSQL, 1 instance', database: 'postgres', instances: 1 },
  { name: 'SQLite, 1 instance', database: 'sqlite', instances: 1 },
];

interface Outcome {
  setup: Setup;
  figures: LoadFigures;
  /** Rows in the submissions table after the run, and the distinct ids the phones sent (warm-up included). */
  rows: number;
  idsSent: number;
  /** CPU time used during the burst, in ms: the server instances, PostgreSQL (null on SQLite), balancer, phones. */
  cpuMs: { servers: number; postgres: number | null; balancer: number; phones: number };
}

const children: ChildProcess[] = [];

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, START_POLL_MS));
  }
  throw new Error(`${url} not up after ${START_TIMEOUT_MS} ms`);
}

async function countRows(setup: Setup, databaseUrl: string, dataDir: string): Promise<number> {
  if (setup.database === 'sqlite') {
    const db = new Database(join(dataDir, 'instance-0', DB_FILE), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM submissions')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function runSetup(setup: Setup, cluster: PostgresCluster, index: number): Promise<Outcome> {
  const dataDir = await mkdtemp(join(tmpdir(), 'xizmat-load-'));
  const databaseUrl = setup.database === 'postgres' ? await cluster.createDatabase(`xizmat_load_${index}`) : '';
  const upstreams: string[] = [];
  const servers: ChildProcess[] = [];
  try {
    for (let i = 0; i < setup.instances; i++) {
      const port = FIRST_INSTANCE_PORT + i;
      const server = startProcess(['server/main.ts'], {
        PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: join(dataDir, `instance-${i}`),
        UPLOADS_DIR: join(dataDir, 'uploads'), CONTENT_DIR: FIXTURE_CONTENT_DIR, DIST_DIR: join(dataDir, 'no-dist'),
        // Every simulated phone comes from 127.0.0.1: the per-address limits would measure themselves.
        XIZMAT_REQUEST_LIMITS: BENCH_REQUEST_LIMITS,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      });
      servers.push(server);
      upstreams.push(`http://127.0.0.1:${port}`);
      // One after another: instances migrating the same empty database wait on each other's lock anyway.
      await waitForHttp(`http://127.0.0.1:${port}/api/v1/openapi.json`, server);
    }
    // Every setup goes through the balancer, so one instance and two pay the same extra hop.
    const balancer = startProcess(['bench/load-balancer.ts', String(BALANCER_PORT), ...upstreams], {});
    servers.push(balancer);
    const origin = `http://127.0.0.1:${BALANCER_PORT}`;
    await waitForHttp(`${origin}/api/v1/openapi.json`, balancer);

    const warm = await runPhones(origin, WARM_UP);
    const instances = servers.filter((server) => server !== balancer);
    const serversCpu = () => instances.reduce((sum, server) => sum + processCpuMs(server.pid), 0);
    const before = { servers: serversCpu(), postgres: treeCpuMs(cluster.pid), balancer: processCpuMs(balancer.pid), phones: process.cpuUsage() };
    const figures = await runPhones(origin, BURST);
    const after = { servers: serversCpu(), balancer: processCpuMs(balancer.pid), phones: process.cpuUsage(before.phones) };
    figures.failures.push(...warm.failures.map((f) => `warm-up: ${f}`));
    for (const server of servers) await stopProcess(server);
    await new Promise((resolve) => setTimeout(resolve, REAP_WAIT_MS));
    const cpuMs = {
      servers: after.servers - before.servers,
      postgres: setup.database === 'postgres' ? treeCpuMs(cluster.pid) - before.postgres : null,
      balancer: after.balancer - before.balancer,
      phones: (after.phones.user + after.phones.system) / 1000,
    };
    const rows = await countRows(setup, databaseUrl, dataDir);
    return { setup, figures, rows, idsSent: warm.ids + figures.ids, cpuMs };
  } finally {
    for (const server of servers) await stopProcess(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

function section(outcomes: Outcome[], machine: string, load: [number, number]): string {
  const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
  const perApplication = (cpu: number | null, f: LoadFigures) => (cpu === null ? '–' : ms(cpu / f.created));
  const rows = outcomes.map(({ setup, figures: f, rows: stored, idsSent, cpuMs }) => [
    setup.name,
    String(f.ids),
    String(f.created + f.replayed),
    Math.round(f.created / (f.wallMs / 1000)).toLocaleString('en'),
    Math.round(f.batches / (f.wallMs / 1000)).toLocaleString('en'),
    ms(percentile(f.latenciesMs, 50)),
    ms(percentile(f.latenciesMs, 99)),
    `${ms(percentile(f.statusLatenciesMs, 50))} / ${ms(percentile(f.statusLatenciesMs, 99))}`,
    `${perApplication(cpuMs.servers, f)} / ${perApplication(cpuMs.postgres, f)} / ${perApplication(cpuMs.balancer, f)}`,
    String(stored - idsSent),
    String(idsSent - stored),
    String(f.failures.length),
  ]);
  const table = [
    '| setup | applications | items answered | accepted applications/s | batches/s | batch p50 | batch p99 | status read p50 / p99 | CPU per application: servers / PostgreSQL / balancer | duplicates stored | missing | wrong answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  return `${START}
## Load: instances on PostgreSQL and one on SQLite (bench/load.ts)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:load\` on this project's machine (${machine}), load
average ${load[0].toFixed(1)} at the start and ${load[1].toFixed(1)} at the end (other sessions share the two cores).
Everything runs on those two cores: PostgreSQL (a throwaway cluster with fsync and synchronous_commit on,
as in production), the server instances (\`server/main.ts\`, LOG_LEVEL=warn, 10 connections each), a
round-robin balancer (bench/load-balancer.ts, one Node process) and the phones. Every setup goes through the
balancer, one instance too.

The burst: ${BURST.phones.toLocaleString('en')} phones come into coverage, ${BURST.concurrency} at a time, each with 1 to ${BURST.maxQueued} finalised
applications queued (the server's test form, valid answers), sent as \`POST /api/v1/submissions\` batches of up to
${BURST.batchSize}. ${BURST.retryRate * 100}% of phones send each batch again after its answer (an answer lost on the way back) and ${BURST.twinRate * 100}%
send each batch twice at once (Background Sync and the page flushing together), so ${replayShare(outcomes)}% of the items
answered are replays. Each phone sends its device key, and after its last batch reads its statuses
(\`GET /api/v1/statuses?since=0\`, as the app does after a flush), which must list each of its applications once.
A warm-up of ${WARM_UP.phones} phones runs first. Every answer is checked: a receipt for the id sent,
one 201 per id, the same number every time. "Duplicates stored" is rows in the submissions table minus the
distinct ids the phones sent (warm-up included), counted in the database after the run; "missing" the other way.
Accepted applications/s is 201s per second of the burst; latency is per batch, balancer included. CPU per
application is the CPU time each part used during the burst (from /proc: the server processes, PostgreSQL's
postmaster with all its backends, the balancer) divided by the applications accepted, retries and status
reads included: other sessions' load inflates it far less than the rates (it still counts cache misses and
context switches).

${table}

How to read it: one Node process uses at most one core, and here PostgreSQL, the balancer, the phones and
other sessions compete with the instances for the same two, so the rates and latencies compare setups on one
small, shared machine rather than predict a deployment. The CPU columns are the figures to scale from: an
instance core takes about 1,000 / (server ms) applications per second, and PostgreSQL needs its own ms per
application on its cores, beside one durable commit per application (concurrent commits share a WAL flush).
A second instance on the same two cores adds a process and the balancer's alternation, not capacity. The twins
of a batch land on different instances (the balancer alternates), so the duplicate columns test the
idempotency rules across instances under load. SQLite answers in-process but its commit (fsync, synchronous=FULL)
holds Node's only thread, so its status reads wait behind the batches' commits.
${END}`;
}

/** Replays among all items answered, in percent, over every setup (they all run the same burst). */
function replayShare(outcomes: Outcome[]): number {
  const replayed = outcomes.reduce((sum, o) => sum + o.figures.replayed, 0);
  const answered = outcomes.reduce((sum, o) => sum + o.figures.replayed + o.figures.created, 0);
  return Math.round((replayed / answered) * 100);
}

function writeSection(text: string): void {
  const doc = readFileSync(DOC, 'utf8');
  const next = doc.includes(START) ? doc.replace(new RegExp(`${START}[\\s\\S]*${END}`), () => text) : `${doc.trimEnd()}\n\n${text}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  const startLoad = loadavg()[0]!;
  const cluster = await startPostgresCluster({ fsync: true });
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows: [version] } = await client.query<{ server_version: string }>('SHOW server_version');
    await client.end();
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, PostgreSQL ${version!.server_version.split(' ')[0]}`;
    const outcomes: Outcome[] = [];
    for (const [index, setup] of SETUPS.entries()) {
      const outcome = await runSetup(setup, cluster, index);
      const f = outcome.figures;
      console.log(`${setup.name}: ${f.created} created, ${f.replayed} replayed in ${(f.wallMs / 1000).toFixed(1)} s; rows ${outcome.rows} of ${outcome.idsSent} ids; ${f.failures.length} failures`);
      for (const failure of f.failures.slice(0, 5)) console.log(`  ${failure}`);
      outcomes.push(outcome);
    }
    const text = section(outcomes, machine, [startLoad, loadavg()[0]!]);
    writeSection(text);
    console.log(text);
    if (outcomes.some((o) => o.rows !== o.idsSent || o.figures.failures.length > 0)) process.exitCode = 1;
  } finally {
    for (const child of children) await stopProcess(child);
    await cluster.stop();
  }
}

await main();
