/**
 * The schema, one list of steps for both engines, each step the same tables and columns on either
 * (postgres-migrations.test.ts compares them). Versions only go up; a released step is never
 * edited, a change is a new step. WARNING: table and column names are frozen: renaming one loses
 * applications or breaks dedup of ids that devices still hold.
 */

export interface Migration {
  version: number;
  /** One or more statements, run in one transaction with the step's row in schema_version. */
  sql: string;
}

/** Where the engines' DDL differs: PostgreSQL numbers from sequences (BIGINT); SQLite needs none (see engine.ts). */
export interface Ddl {
  /** The type of a column a counter fills. */
  counter: 'INTEGER' | 'BIGINT';
  /** The statement that creates a counter's sequence, or nothing. */
  sequence(name: string): string;
}

export function migrations(ddl: Ddl): readonly Migration[] {
  return [
    {
      version: 1,
      sql: `
        ${ddl.sequence('submissions_seq')}
        CREATE TABLE submissions (
          id TEXT NOT NULL PRIMARY KEY,
          seq ${ddl.counter} NOT NULL UNIQUE,
          number TEXT NOT NULL UNIQUE,
          service_id TEXT NOT NULL,
          form_version INTEGER NOT NULL,
          payload_hash TEXT NOT NULL,
          payload TEXT NOT NULL,
          finalised_at TEXT NOT NULL,
          received_at TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'received',
          updated_at TEXT NOT NULL
        );
      `,
    },
    {
      // The catalogue the server loads from content/ on start, with its version history:
      // one row per service ever published; a removed one keeps its row with removed_in set.
      version: 2,
      sql: `
        CREATE TABLE catalogue_state (
          id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
          epoch TEXT NOT NULL,
          version INTEGER NOT NULL,
          categories TEXT NOT NULL,
          categories_changed_in INTEGER NOT NULL,
          published_at TEXT NOT NULL
        );
        CREATE TABLE catalogue_services (
          id TEXT NOT NULL PRIMARY KEY,
          entry TEXT NOT NULL,
          hash TEXT NOT NULL,
          changed_in INTEGER NOT NULL,
          removed_in INTEGER
        );
        CREATE INDEX catalogue_services_changed_in ON catalogue_services (changed_in);
      `,
    },
    {
      // Phones report what no application carries, such as a browser that deleted their queue.
      version: 3,
      sql: `
        CREATE TABLE device_events (
          id TEXT NOT NULL PRIMARY KEY,
          device_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          unsent_before INTEGER NOT NULL,
          detected_at TEXT NOT NULL,
          received_at TEXT NOT NULL
        );
        CREATE INDEX device_events_device ON device_events (device_id);
      `,
    },
    {
      // The application lifecycle, statuses back to the phone that sent them, and feedback.
      // status_seq orders status changes for the phones' cursors; 0 on rows older than this step,
      // which no phone can ask about (they carry no device hash).
      version: 4,
      sql: `
        ${ddl.sequence('status_sequence')}
        ALTER TABLE submissions ADD COLUMN device_hash TEXT;
        ALTER TABLE submissions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE submissions ADD COLUMN status_seq ${ddl.counter} NOT NULL DEFAULT 0;
        ALTER TABLE submissions ADD COLUMN status_message TEXT;
        ALTER TABLE submissions ADD COLUMN local_ref TEXT;
        CREATE INDEX submissions_device_status ON submissions (device_hash, status_seq);
        CREATE INDEX submissions_status_seq ON submissions (status_seq);
        CREATE INDEX submissions_local_ref ON submissions (local_ref);
        CREATE TABLE status_events (
          submission_id TEXT NOT NULL,
          revision INTEGER NOT NULL,
          status TEXT NOT NULL,
          message TEXT,
          actor TEXT NOT NULL,
          at TEXT NOT NULL
        );
        CREATE INDEX status_events_submission ON status_events (submission_id);
        ${ddl.sequence('feedback_seq')}
        CREATE TABLE feedback (
          id TEXT NOT NULL PRIMARY KEY,
          seq ${ddl.counter} NOT NULL UNIQUE,
          number TEXT NOT NULL UNIQUE,
          service_id TEXT NOT NULL,
          application_id TEXT,
          rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
          comment TEXT NOT NULL,
          given_at TEXT NOT NULL,
          received_at TEXT NOT NULL,
          device_hash TEXT,
          payload_hash TEXT NOT NULL
        );
        CREATE INDEX feedback_service ON feedback (service_id);
      `,
    },
    {
      // Operators (mahalla assistants, field staff), their sign-in and the phones they signed in on,
      // failed sign-ins (kept here so throttling holds across instances), the server's own keys, and
      // who applied for whom. device_operators keeps every operator a phone was bound to, so
      // items an operator queued still send after another one signs in on the same phone.
      // WARNING: server_keys holds the private key sealed applications are opened with: losing the
      // row makes every phone's queued sealed items undeliverable.
      version: 5,
      sql: `
        CREATE TABLE operators (
          id TEXT NOT NULL PRIMARY KEY,
          username TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          disabled_at TEXT
        );
        CREATE TABLE refresh_tokens (
          id TEXT NOT NULL PRIMARY KEY,
          family_id TEXT NOT NULL,
          operator_id TEXT NOT NULL,
          device_hash TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          revoked_at TEXT,
          rotated_to TEXT
        );
        CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
        CREATE INDEX refresh_tokens_operator ON refresh_tokens (operator_id);
        CREATE INDEX refresh_tokens_device ON refresh_tokens (device_hash);
        CREATE TABLE devices (
          device_hash TEXT NOT NULL PRIMARY KEY,
          operator_id TEXT,
          revoked_at TEXT,
          bound_at TEXT NOT NULL
        );
        CREATE TABLE device_operators (
          device_hash TEXT NOT NULL,
          operator_id TEXT NOT NULL,
          bound_at TEXT NOT NULL,
          PRIMARY KEY (device_hash, operator_id)
        );
        CREATE INDEX device_operators_operator ON device_operators (operator_id);
        CREATE TABLE login_failures (
          subject TEXT NOT NULL,
          failed_at TEXT NOT NULL
        );
        CREATE INDEX login_failures_subject ON login_failures (subject, failed_at);
        CREATE TABLE server_keys (
          key_id TEXT NOT NULL PRIMARY KEY,
          kind TEXT NOT NULL,
          private_jwk TEXT NOT NULL,
          public_jwk TEXT,
          created_at TEXT NOT NULL
        );
        ALTER TABLE submissions ADD COLUMN operator_id TEXT;
        ALTER TABLE submissions ADD COLUMN on_behalf TEXT;
        CREATE INDEX submissions_operator ON submissions (operator_id, seq);
      `,
    },
    {
      // The operators' delegation keys, one per sign-in (family_id: the refresh tokens of that
      // sign-in), whose signature an on-behalf application carries and which die with the sign-in;
      // and the reply key an application carried, that its answers are sealed to when they go back.
      // Applications older than this step have none: no answers go back for them.
      version: 6,
      sql: `
        CREATE TABLE delegation_keys (
          key_id TEXT NOT NULL PRIMARY KEY,
          operator_id TEXT NOT NULL,
          device_hash TEXT NOT NULL,
          family_id TEXT NOT NULL,
          public_jwk TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE INDEX delegation_keys_family ON delegation_keys (family_id);
        ALTER TABLE submissions ADD COLUMN reply_key TEXT;
      `,
    },
    {
      // Fees (docs/payments.md): one invoice per application whose form computes a fee, and the
      // payment provider's transactions against it. Payme's own transaction id is the key of its
      // rows, so a repeated notification finds the stored one. Times from Payme are its milliseconds.
      // WARNING: a paid invoice's row is the proof that the state was paid; it is never deleted.
      version: 7,
      sql: `
        ${ddl.sequence('invoices_seq')}
        CREATE TABLE invoices (
          reference TEXT NOT NULL PRIMARY KEY,
          seq ${ddl.counter} NOT NULL UNIQUE,
          submission_id TEXT NOT NULL UNIQUE,
          amount_tiyin BIGINT NOT NULL,
          state TEXT NOT NULL,
          issued_at TEXT NOT NULL,
          due_at TEXT NOT NULL,
          paid_at TEXT,
          closed_at TEXT,
          paid_via TEXT
        );
        CREATE INDEX invoices_open ON invoices (state, due_at);
        CREATE TABLE payme_transactions (
          id TEXT NOT NULL PRIMARY KEY,
          receipt TEXT NOT NULL UNIQUE,
          invoice_reference TEXT NOT NULL,
          payme_time BIGINT NOT NULL,
          amount_tiyin BIGINT NOT NULL,
          state INTEGER NOT NULL,
          reason INTEGER,
          create_time BIGINT NOT NULL,
          perform_time BIGINT NOT NULL,
          cancel_time BIGINT NOT NULL
        );
        CREATE INDEX payme_transactions_invoice ON payme_transactions (invoice_reference);
        CREATE INDEX payme_transactions_time ON payme_transactions (payme_time);
      `,
    },
    {
      // Citizens signed in through an identity provider (server/identity/), the key each sign-in
      // bound to a phone, and sign-ins under way between the redirect and the provider's return.
      version: 8,
      sql: `
        CREATE TABLE citizens (
          id TEXT NOT NULL PRIMARY KEY,
          pinfl TEXT NOT NULL UNIQUE,
          last_name TEXT NOT NULL,
          first_name TEXT NOT NULL,
          middle_name TEXT,
          birth_date TEXT,
          phone TEXT,
          passport TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE citizen_keys (
          key_id TEXT NOT NULL PRIMARY KEY,
          citizen_id TEXT NOT NULL,
          device_hash TEXT NOT NULL,
          public_key TEXT NOT NULL,
          reply_key TEXT,
          provider TEXT NOT NULL,
          created_at TEXT NOT NULL,
          revoked_at TEXT
        );
        CREATE INDEX citizen_keys_citizen ON citizen_keys (citizen_id);
        CREATE TABLE citizen_sign_ins (
          state_hash TEXT NOT NULL PRIMARY KEY,
          browser_hash TEXT NOT NULL,
          device_hash TEXT NOT NULL,
          key_id TEXT NOT NULL UNIQUE,
          public_key TEXT NOT NULL,
          reply_key TEXT NOT NULL,
          carry TEXT NOT NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          used_at TEXT
        );
        CREATE INDEX citizen_sign_ins_expiry ON citizen_sign_ins (expires_at);
        ALTER TABLE submissions ADD COLUMN citizen_id TEXT;
        CREATE INDEX submissions_citizen ON submissions (citizen_id, status_seq);
      `,
    },
  ];
}

const SCHEMA_VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)';
/** The version a database is at: 0 before the first step. */
export const SCHEMA_VERSION_QUERY = 'SELECT MAX(version) AS version FROM schema_version';

/** What the runner asks of a database, one request at a time; read-version is answered with the version. */
export type MigrationRequest =
  | { do: 'exec'; sql: string }
  | { do: 'read-version' }
  | { do: 'record'; version: number; appliedAt: string }
  | { do: 'begin' | 'commit' | 'rollback' };

/**
 * Brings a database up to the newest of `steps`, each step in its own transaction with its row in
 * `schema_version`. Refuses a database newer than this code: an older server must not write to a
 * schema it does not understand. Written once as a list of requests, so that better-sqlite3 answers
 * them at once (a SqliteStorage opens in its constructor) and pg with promises (sqlite-migrations.ts,
 * postgres-migrations.ts).
 */
function* migrationRequests(steps: readonly Migration[]): Generator<MigrationRequest, number, number | void> {
  yield { do: 'exec', sql: SCHEMA_VERSION_TABLE };
  const current = (yield { do: 'read-version' }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database is at schema version ${current}, newer than this server knows (${latest}): refusing to start.`);
  }
  for (const step of steps) {
    if (step.version <= current) continue;
    yield { do: 'begin' };
    try {
      // Checked again inside the transaction: another process may have just applied this step.
      if (((yield { do: 'read-version' }) as number) < step.version) {
        yield { do: 'exec', sql: step.sql };
        yield { do: 'record', version: step.version, appliedAt: new Date().toISOString() };
      }
      yield { do: 'commit' };
    } catch (error) {
      yield { do: 'rollback' };
      throw error;
    }
  }
  return (yield { do: 'read-version' }) as number;
}

type Answer = { value: number | void } | { error: unknown };

/** Runs the migrations with `answer` doing each request: synchronously while it answers at once, else as a promise. */
export function migrate(steps: readonly Migration[], answer: (request: MigrationRequest) => number | void): number;
export function migrate(steps: readonly Migration[], answer: (request: MigrationRequest) => Promise<number | void>): Promise<number>;
export function migrate(
  steps: readonly Migration[], answer: (request: MigrationRequest) => number | void | Promise<number | void>,
): number | Promise<number> {
  return proceed(migrationRequests(steps), answer, { value: undefined });
}

function proceed(
  requests: Generator<MigrationRequest, number, number | void>,
  answer: (request: MigrationRequest) => number | void | Promise<number | void>,
  input: Answer,
): number | Promise<number> {
  for (;;) {
    const next = 'error' in input ? requests.throw(input.error) : requests.next(input.value);
    if (next.done) return next.value;
    let answered: number | void | Promise<number | void>;
    try {
      answered = answer(next.value);
    } catch (error) {
      input = { error };
      continue;
    }
    if (answered instanceof Promise) {
      return answered.then((value) => proceed(requests, answer, { value }), (error: unknown) => proceed(requests, answer, { error }));
    }
    input = { value: answered };
  }
}
