import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian's `postgresql` package puts each major version's initdb and postgres. */
const DEBIAN_PG_ROOT = '/usr/lib/postgresql';
/** First port tried for a throwaway cluster: well away from a system server on 5432. */
export const FIRST_PG_PORT = 55_432;
/** Ports tried after the first before giving up (parallel runs, a leftover cluster). */
const PORT_ATTEMPTS = 50;
/** initdb plus the first start take ~2 s here; a loaded CI machine gets ample slack. */
const START_TIMEOUT_MS = 30_000;
const START_POLL_MS = 100;
/** Ports tried in turn when another cluster takes the one we probed before our postgres binds it. */
const START_ATTEMPTS = 5;
/** A fast shutdown (SIGINT) aborts open sessions; more than this means something is stuck. */
const STOP_TIMEOUT_MS = 10_000;
/** The superuser initdb creates; trust authentication, loopback only. */
const PG_USER = 'xizmat';

export interface PostgresCluster {
  /** postgres://xizmat@127.0.0.1:<port>/<database>; the cluster's first database is `xizmat`. */
  url: string;
  /** A new empty database in this cluster, for one test or one benchmark run. */
  createDatabase(name: string): Promise<string>;
  /** The postmaster's pid (the benchmark reads its CPU time). */
  pid: number;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  /**
   * false for tests: nothing here must survive a crash, and fsync dominates a small commit.
   * true for benchmarks, so a commit costs what it costs in production.
   */
  fsync: boolean;
  /** postgres logs here (its stderr) when set; otherwise kept for the error message of a failed start. */
  log?: (line: string) => void;
}

/**
 * Finds the newest PostgreSQL under /usr/lib/postgresql (or $XIZMAT_PG_BIN) and throws a message
 * that says what to install when there is none: the PostgreSQL tests must fail, not skip.
 */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env, root = DEBIAN_PG_ROOT): string {
  if (env.XIZMAT_PG_BIN) {
    if (!existsSync(join(env.XIZMAT_PG_BIN, 'initdb'))) throw new Error(`XIZMAT_PG_BIN=${env.XIZMAT_PG_BIN} holds no initdb.`);
    return env.XIZMAT_PG_BIN;
  }
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin. Install Debian\'s package '
      + '(`apt-get install -y postgresql`, as .ci/run does), set XIZMAT_PG_BIN to a bin directory, or set '
      + 'XIZMAT_PG_URL to a server the tests may create databases on.',
    );
  }
  return join(root, versions[0]!, 'bin');
}

/**
 * Starts a throwaway PostgreSQL cluster in a temporary directory on a free local port. initdb and
 * postgres refuse to run as root, so as root they run as the `postgres` user (which Debian's
 * package creates) through setpriv, which execs rather than forks: the pid we hold is postgres's own.
 */
export async function startPostgresCluster({ fsync, log }: StartClusterOptions): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-pg-'));
  const dataDir = join(dir, 'data');
  const asUser = await unprivilegedPrefix(dir);
  const command = (program: string, args: string[]): [string, string[]] =>
    asUser.length ? [asUser[0]!, [...asUser.slice(1), join(bin, program), ...args]] : [join(bin, program), args];
  const initdb = spawnSync(...command('initdb', [
    '-D', dataDir, '-U', PG_USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync',
  ]), { encoding: 'utf8' });
  if (initdb.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${initdb.status ?? initdb.error?.message}):\n${initdb.stderr}`);
  }
  const settings = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `fsync=${fsync ? 'on' : 'off'}`, '-c', `synchronous_commit=${fsync ? 'on' : 'off'}`,
    '-c', `full_page_writes=${fsync ? 'on' : 'off'}`,
    // Room for several server instances' pools plus the tests' own connections.
    '-c', 'max_connections=200',
  ];
  // Another run (a colleague's vitest) may take the port between our probe and postgres's bind:
  // then postgres exits, or we would reach the other cluster, so the data directory is checked too.
  let failure: unknown = null;
  for (let attempt = 0, port = FIRST_PG_PORT; attempt < START_ATTEMPTS; attempt++, port++) {
    port = await freePort(port);
    const child = spawn(...command('postgres', ['-D', dataDir, '-p', String(port), '-k', dir, ...settings]), { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log?.(chunk.toString());
    });
    const url = `postgres://${PG_USER}@127.0.0.1:${port}/${PG_USER}`;
    const stop = async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitUntilReady(url, dataDir, child, () => output);
      // initdb makes `postgres`; the cluster's own database is created here, as a deployment would.
      await runSql(`postgres://${PG_USER}@127.0.0.1:${port}/postgres`, `CREATE DATABASE ${PG_USER}`);
      return { url, pid: child.pid!, createDatabase: (name) => createDatabase(url, name), stop };
    } catch (error) {
      failure = error;
      await stopChild(child);
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw failure;
}

/** Creates `name` on the server at `url` and returns its URL; names are test-made, so plain identifiers only. */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await runSql(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** As root: the setpriv prefix that runs a command as `postgres`, after giving it the directory. */
async function unprivilegedPrefix(dir: string): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!uid || !gid) throw new Error('Running as root and there is no `postgres` user to run PostgreSQL as (Debian\'s postgresql package creates one).');
  await chown(dir, uid, gid);
  return ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'];
}

async function waitUntilReady(url: string, dataDir: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${output()}`);
    const client = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
    try {
      await client.connect();
      const { rows: [row] } = await client.query<{ data_directory: string }>('SHOW data_directory');
      await client.end();
      if (row?.data_directory !== dataDir) throw new Error(`port taken by another cluster (${row?.data_directory})`);
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (String(error).includes('another cluster')) throw error;
      if (Date.now() > deadline) throw new Error(`postgres not ready after ${START_TIMEOUT_MS} ms (${String(error)}):\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, START_POLL_MS));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT is postgres's "fast" shutdown: roll back open sessions, checkpoint, exit.
    child.kill('SIGINT');
  });
}

/** The first port from `first` that nothing listens on, on 127.0.0.1. */
export async function freePort(first: number): Promise<number> {
  for (let port = first; port < first + PORT_ATTEMPTS; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${first} to ${first + PORT_ATTEMPTS - 1}`);
}
