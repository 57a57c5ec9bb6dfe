import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import {
  CompiledQuery, Kysely, SqliteDialect, SqliteDriver, sql, type DatabaseConnection,
  type SqliteDatabase, type TransactionSettings,
} from 'kysely';
import { COUNTERS, selectCounters, type Counter, type Engine } from './engine';
import type { Db, Tables } from './schema';

/** How long a writer waits for another process's lock before failing: covers a slow disk's fsync. */
const BUSY_TIMEOUT_MS = 5_000;

/** WAL, and every commit fsynced (synchronous=FULL) before it is acknowledged, so an acknowledged application survives power loss. */
export function tuneSqlite(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * Who holds each database file in this process. better-sqlite3 waits for another connection's lock
 * synchronously (busy_timeout), which stops the event loop: had two stores of this process on one
 * file (a test's twin instance) each begun a transaction, the one waiting would stop the one holding
 * the lock until the timeout. So one store at a time uses a file per process, waiting its turn
 * without blocking; other processes (the admin command) still meet SQLite's own lock.
 */
const fileTurns = new Map<string, Promise<void>>();
/** In-memory databases are one per handle: each gets a key of its own. */
let memoryDatabases = 0;

async function takeTurn(file: string): Promise<() => void> {
  const before = fileTurns.get(file) ?? Promise.resolve();
  let done!: () => void;
  const turn = new Promise<void>((resolveTurn) => { done = resolveTurn; });
  const mine = before.then(() => turn);
  fileTurns.set(file, mine);
  await before;
  return () => {
    done();
    if (fileTurns.get(file) === mine) fileTurns.delete(file);
  };
}

/** Statements kept parsed per handle: more than the store's distinct queries, fewer than a leak would reach. */
const CACHED_STATEMENTS = 256;

/**
 * The handle as Kysely sees it, keeping each statement it prepares: parsing and planning was most
 * of the CPU time of a stored application, and the store asks the same few queries again and again.
 */
function cachingStatements(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(text) {
      let statement = statements.get(text);
      if (!statement) {
        statement = database.prepare(text);
        if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
    close: () => database.close(),
  };
}

/** Kysely's SQLite driver, with the file taken in turns and write transactions begun IMMEDIATE. */
class SqliteFileDriver extends SqliteDriver {
  private endTurn: (() => void) | undefined;

  constructor(database: Database.Database, private readonly file: string) {
    super({ database: cachingStatements(database) });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const endTurn = await takeTurn(this.file);
    this.endTurn = endTurn;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const endTurn = this.endTurn;
    this.endTurn = undefined;
    endTurn?.();
  }

  /**
   * IMMEDIATE takes the writer lock first, so a check-then-write cannot interleave with another
   * writer, and numbers (MAX + 1) are handed out in commit order. A read-only transaction begins
   * deferred: a snapshot of the WAL that blocks no writer. SQLite's isolation is always serializable.
   */
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'BEGIN' : 'BEGIN IMMEDIATE'));
  }
}

/** Kysely's SQLite dialect on SqliteFileDriver. */
class SqliteFileDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database, private readonly file: string) {
    super({ database });
  }

  override createDriver(): SqliteFileDriver {
    return new SqliteFileDriver(this.database, this.file);
  }
}

/** The embedded engine on one better-sqlite3 handle, already tuned and migrated. */
export class SqliteEngine implements Engine {
  readonly db: Db;
  readonly rowLocks = false;

  constructor(private readonly database: Database.Database) {
    const file = database.memory ? `:memory:${++memoryDatabases}` : resolve(database.name);
    this.db = new Kysely<Tables>({ dialect: new SqliteFileDialect(database, file) });
  }

  async next<C extends Counter>(trx: Db, ...counters: C[]): Promise<Record<C, number>> {
    return selectCounters(trx, counters, (counter) => {
      const { table, column } = COUNTERS[counter];
      return sql<number>`(SELECT COALESCE(MAX(${sql.ref(column)}), 0) + 1 FROM ${sql.table(table)})`;
    });
  }

  /**
   * Nothing to take: every write transaction holds SQLite's one writer lock from its start, so numbers
   * commit in the order they are handed out, and a reader's snapshot holds only committed ones.
   */
  async lock(): Promise<void> {}

  async close(): Promise<void> {
    await this.db.destroy();
    if (this.database.open) this.database.close();
  }
}
