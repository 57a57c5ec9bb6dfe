import type { Generated, Kysely } from 'kysely';
import type { ApplicationStatus, InvoiceState } from '../../src/contract/index';

// The tables as the migrations (migrations.ts) leave them, for Kysely's typed queries on both engines.
// Times are ISO strings and JSON is text in both, so a row reads the same from either. BIGINT columns
// (PostgreSQL's counters) come back as numbers: postgres-engine.ts parses them so.

export interface SubmissionsTable {
  id: string;
  seq: number;
  number: string;
  service_id: string;
  form_version: number;
  payload_hash: string;
  payload: string;
  finalised_at: string;
  received_at: string;
  status: Generated<ApplicationStatus>;
  updated_at: string;
  device_hash: string | null;
  revision: Generated<number>;
  /** Orders status changes for the phones' cursors; 0 on rows older than the lifecycle. */
  status_seq: Generated<number>;
  /** JSON of a StatusMessage. */
  status_message: string | null;
  local_ref: string | null;
  /** The operator who applied for a resident; null for a person's own application. */
  operator_id: string | null;
  /** JSON of the resident and their consent as received, or null for a person's own. */
  on_behalf: string | null;
  /** JSON of the public JWK the application carried, that its answers are sealed to on the way back. */
  reply_key: string | null;
  /** The signed-in citizen whose application this is (citizens.id), when their proof came with it. */
  citizen_id: string | null;
}

export interface CatalogueStateTable {
  id: number;
  epoch: string;
  version: number;
  /** JSON of the category list. */
  categories: string;
  categories_changed_in: number;
  published_at: string;
}

export interface CatalogueServicesTable {
  id: string;
  /** JSON of the ServiceEntry. */
  entry: string;
  hash: string;
  changed_in: number;
  removed_in: number | null;
}

export interface DeviceEventsTable {
  id: string;
  device_id: string;
  kind: string;
  unsent_before: number;
  detected_at: string;
  received_at: string;
}

export interface StatusEventsTable {
  submission_id: string;
  revision: number;
  status: ApplicationStatus;
  message: string | null;
  actor: string;
  at: string;
}

export interface FeedbackTable {
  id: string;
  seq: number;
  number: string;
  service_id: string;
  application_id: string | null;
  rating: number;
  comment: string;
  given_at: string;
  received_at: string;
  device_hash: string | null;
  payload_hash: string;
}

export interface OperatorsTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  operator_id: string;
  device_hash: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  rotated_to: string | null;
}

export interface DevicesTable {
  device_hash: string;
  operator_id: string | null;
  revoked_at: string | null;
  bound_at: string;
}

export interface DeviceOperatorsTable {
  device_hash: string;
  operator_id: string;
  bound_at: string;
}

export interface LoginFailuresTable {
  subject: string;
  failed_at: string;
}

export interface ServerKeysTable {
  key_id: string;
  kind: 'seal' | 'token' | 'payme-stand-in';
  private_jwk: string;
  public_jwk: string | null;
  created_at: string;
}

export interface DelegationKeysTable {
  key_id: string;
  operator_id: string;
  device_hash: string;
  family_id: string;
  public_jwk: string;
  created_at: string;
}

export interface InvoicesTable {
  reference: string;
  seq: number;
  submission_id: string;
  amount_tiyin: number;
  state: InvoiceState;
  issued_at: string;
  due_at: string;
  paid_at: string | null;
  /** When it was cancelled or expired. */
  closed_at: string | null;
  /** JSON of Invoice['paidVia']. */
  paid_via: string | null;
}

/** Payme's transactions as its Merchant API defines them (docs/payments.md); times in milliseconds. */
export interface PaymeTransactionsTable {
  /** Payme's id for the transaction (24 characters). */
  id: string;
  /** Our id for it, answered as "transaction". */
  receipt: string;
  invoice_reference: string;
  /** When Payme made it, by Payme's clock: what GetStatement filters on. */
  payme_time: number;
  amount_tiyin: number;
  /** 1 created, 2 performed, -1 cancelled before perform, -2 cancelled after. */
  state: number;
  reason: number | null;
  create_time: number;
  /** 0 until performed, as the protocol answers it. */
  perform_time: number;
  cancel_time: number;
}

/** A citizen as their identity provider last vouched for them, one row per PINFL. */
export interface CitizensTable {
  id: string;
  pinfl: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string | null;
  phone: string | null;
  passport: string | null;
  created_at: string;
  updated_at: string;
}

/** The key one sign-in bound to one phone; live until revoked_at (sign-out, revoked from another phone). */
export interface CitizenKeysTable {
  key_id: string;
  citizen_id: string;
  device_hash: string;
  /** JSON of the public P-256 JWK that signs the citizen's applications and reads. */
  public_key: string;
  /** JSON of that phone's reply key: a returned application reopens on this phone sealed to it. */
  reply_key: string | null;
  provider: string;
  created_at: string;
  revoked_at: string | null;
}

/** A sign-in between the redirect to the provider and its return; used once, then kept until it expires. */
export interface CitizenSignInsTable {
  /** SHA-256 of the state parameter: the table alone does not let anyone finish a sign-in. */
  state_hash: string;
  /** SHA-256 of the cookie the browser got with the start: the return must come to the same browser. */
  browser_hash: string;
  device_hash: string;
  key_id: string;
  public_key: string;
  reply_key: string;
  /** The provider's own (a PKCE verifier, a nonce), opaque here. */
  carry: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface Tables {
  submissions: SubmissionsTable;
  catalogue_state: CatalogueStateTable;
  catalogue_services: CatalogueServicesTable;
  device_events: DeviceEventsTable;
  status_events: StatusEventsTable;
  feedback: FeedbackTable;
  operators: OperatorsTable;
  refresh_tokens: RefreshTokensTable;
  devices: DevicesTable;
  device_operators: DeviceOperatorsTable;
  login_failures: LoginFailuresTable;
  server_keys: ServerKeysTable;
  delegation_keys: DelegationKeysTable;
  invoices: InvoicesTable;
  payme_transactions: PaymeTransactionsTable;
  citizens: CitizensTable;
  citizen_keys: CitizenKeysTable;
  citizen_sign_ins: CitizenSignInsTable;
}

/** Queries on either engine; a Transaction is one too. */
export type Db = Kysely<Tables>;
