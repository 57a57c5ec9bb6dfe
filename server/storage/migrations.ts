import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  /** Plain SQL that PostgreSQL also understands, so the later adapter can mirror it. */
  sql: string;
}

/**
 * The schema, one step per version. Versions only go up; a released step is never edited,
 * a change is a new step. WARNING: table and column names are frozen: renaming one loses
 * applications or breaks dedup of ids that devices still hold.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE submissions (
        id TEXT NOT NULL PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
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
    // The catalogue the server loads from content/ on start, with its version history (issue 3):
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
    // Phones report what no application carries, such as a browser that deleted their queue (issue 5).
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
    // The application lifecycle, statuses back to the phone that sent them, and feedback (issue 9).
    // status_seq orders status changes for the phones' cursors; 0 on rows older than this step,
    // which no phone can ask about (they carry no device hash).
    version: 4,
    sql: `
      ALTER TABLE submissions ADD COLUMN device_hash TEXT;
      ALTER TABLE submissions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE submissions ADD COLUMN status_seq INTEGER NOT NULL DEFAULT 0;
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
      CREATE TABLE feedback (
        id TEXT NOT NULL PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
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
    // who applied for whom (issue 8). device_operators keeps every operator a phone was bound to, so
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
];

/**
 * Brings the database up to the newest known version, each step in its own transaction with its
 * row in `schema_version`. Refuses a database newer than this code: an older server must not
 * write to a schema it does not understand.
 */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database is at schema version ${current}, newer than this server knows (${latest}): refusing to start.`);
  }
  const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    db.transaction(() => {
      // Checked again inside the write lock: another process may have just applied this step.
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }).immediate();
  }
  return schemaVersion(db);
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}
