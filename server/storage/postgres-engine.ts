import {
  Kysely, PostgresDialect, PostgresDriver, sql, type PostgresDialectConfig, type PostgresPool, type PostgresPoolClient,
} from 'kysely';
import pg from 'pg';
import { COUNTERS, selectCounters, type Counter, type Engine, type LockName } from './engine';
import type { Db, Tables } from './schema';

/**
 * Connections per server instance. A batch stores its items one after another, so one request
 * holds at most one connection at a time; ten lets ten requests commit at once, and ten instances
 * stay within PostgreSQL's default max_connections of 100.
 */
export const POOL_SIZE = 10;
/** A request waiting this long for a free connection fails (the phone retries) instead of queueing forever. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Any constants all instances agree on, one per advisory lock ('XIZS', 'XIKY'). The status lock:
 * moves and corrections take it exclusively, from their sequence number until their commit; readers
 * of status changes take it shared. A reader therefore never runs while a move holds a number it
 * has not committed, so no cursor passes over a move that commits later; readers never wait on each other.
 */
export const STATUS_LOCK_KEY = 0x58495a53;
const SERVER_KEY_LOCK_KEY = 0x58494b59;

/** BIGINT (sequences, COUNT) arrives from pg as text; every such number here stays far below 2^53, so it is read as a number. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) => oid === INT8_OID
    ? (value: string) => Number(value)
    : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A pool on `url` whose dropped connections do not end the process. */
export function postgresPool(url: string, size = POOL_SIZE): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types });
  // A connection the server drops (restart, failover, pg_terminate_backend) emits 'error', and an
  // 'error' without a listener ends the Node process. Idle ones are reported on the pool; one in use
  // on the client itself, whose query rejects anyway (the phone retries) and which the pool then drops.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Statement names handed out per process; past this many texts a query goes unnamed, so a leak cannot grow the servers' caches. */
const NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

/**
 * The pool as Kysely sees it, naming every statement that takes parameters after its text, so each
 * connection parses and plans it once instead of on every request (what a stored application mostly
 * runs). A name always stands for the one text this process gave it. Statements without parameters
 * (BEGIN, COMMIT, ROLLBACK) stay unnamed.
 */
function namingStatements(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const named = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((text: string, values: readonly unknown[]) => {
      let name = statementNames.get(text);
      if (name === undefined && values.length > 0 && statementNames.size < NAMED_STATEMENTS) {
        name = `xizmat-${statementNames.size}`;
        statementNames.set(text, name);
      }
      return client.query({ name: values.length > 0 ? name : undefined, text, values: [...values] });
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  });
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) clients.set(client, wrapped = named(client));
      return wrapped;
    },
    end: () => pool.end(),
  };
}

/**
 * Kysely's driver, but a failed ROLLBACK (a lost connection) does not hide the error that caused
 * it; Kysely still discards that connection instead of returning it to the pool.
 */
class PostgresDriverKeepingCause extends PostgresDriver {
  override async rollbackTransaction(connection: Parameters<PostgresDriver['rollbackTransaction']>[0]): Promise<void> {
    await super.rollbackTransaction(connection).catch(() => undefined);
  }
}

class PostgresDialectKeepingCause extends PostgresDialect {
  constructor(private readonly config: PostgresDialectConfig) {
    super(config);
  }

  override createDriver(): PostgresDriver {
    return new PostgresDriverKeepingCause(this.config);
  }
}

/**
 * Many server instances on one PostgreSQL. Transactions run at READ COMMITTED: a statement after
 * an INSERT … ON CONFLICT DO NOTHING that waited for a concurrent twin sees the twin's row.
 * PostgreSQL's defaults (fsync, synchronous_commit on) make a commit durable before we answer.
 */
export class PostgresEngine implements Engine {
  readonly db: Db;
  readonly rowLocks = true;

  constructor(private readonly pool: pg.Pool) {
    this.db = new Kysely<Tables>({ dialect: new PostgresDialectKeepingCause({ pool: namingStatements(pool) }) });
  }

  /**
   * From the sequences, so instances never wait on each other to number. A sequence skips a value
   * when a concurrent duplicate loses the race: numbers stay unique and rising, not gapless.
   */
  async next<C extends Counter>(trx: Db, ...counters: C[]): Promise<Record<C, number>> {
    return selectCounters(trx, counters, (counter) => sql<number>`nextval(${sql.lit(COUNTERS[counter].sequence)})`);
  }

  async lock(trx: Db, lock: LockName): Promise<void> {
    switch (lock) {
      case 'status': await sql`SELECT pg_advisory_xact_lock(${STATUS_LOCK_KEY})`.execute(trx); return;
      case 'status-read': await sql`SELECT pg_advisory_xact_lock_shared(${STATUS_LOCK_KEY})`.execute(trx); return;
      case 'server-key': await sql`SELECT pg_advisory_xact_lock(${SERVER_KEY_LOCK_KEY})`.execute(trx); return;
      // Readers go on; a second instance publishing at the same start waits here, then sees our
      // version and finds nothing changed, as SQLite's IMMEDIATE transaction gives.
      case 'catalogue': await sql`LOCK TABLE catalogue_state IN EXCLUSIVE MODE`.execute(trx); return;
    }
  }

  /** Waits for queries in flight, then closes every connection; a second call does nothing. */
  async close(): Promise<void> {
    await this.db.destroy();
    // Kysely ends the pool only once it has used it.
    if (!this.pool.ended) await this.pool.end();
  }
}
