import type {
  Answers, Catalogue, CitizenProof, CitizenSession, DelegationProof, FieldProblem, FormDefinition, P256PublicJwk, Receipt, SealedEnvelope, ServiceEntry, SoatoList,
  StatusMessage, ApplicationStatus, Invoice,
} from '../../contract/index';

/** Who a draft or outbox item belongs to. A citizen on their own phone is `self`. */
export const OWNER_SELF = 'self';

export interface CatalogueRow extends ServiceEntry {}

export interface FormRow extends FormDefinition {}

export interface DraftRow {
  /** UUIDv7 made when the draft starts; it becomes the submission's idempotency key. */
  id: string;
  owner: string;
  serviceId: string;
  formVersion: number;
  answers: Answers;
  /** The answers under the owner's data key (a PIN owner's, on a shared phone), bound to this draft's owner and id; `answers` is then `{}`. */
  sealed?: Ciphertext;
  /**
   * A returned application's answers as the server sent them, sealed to this phone's reply key,
   * kept so for an owner with a PIN until that owner unlocks and they are sealed under the PIN
   * (`answers` is then `{}`). WARNING: persisted shape.
   */
  reopened?: SealedEnvelope;
  createdAt: string;
  updatedAt: string;
  /** What the server refused when it sent this application back (422); shown on the fields. */
  serverProblems?: FieldProblem[];
  /**
   * Set when the agency returned the delivered application for correction: it is sent
   * again under the same id as this revision (2 for the first correction).
   */
  revision?: number;
  /** The agency's comment that came with "returned for correction", shown above the form. */
  returned?: { message: StatusMessage | null; at: string };
  /**
   * SHA-256 of every photo or file ever attached to this draft (to find its sealed copies). Hashes are not personal,
   * so they stay readable beside a PIN-sealed draft and tell the photo store which photos it may
   * still need; absent on drafts from before, which are then assumed to need any photo.
   */
  photos?: string[];
}

/**
 * States of an outbox item (docs/reliability.md, "The outbox: states and what each answer does"). WARNING: persisted values.
 * queued: waiting to be sent. sending: a sender holds it (or died holding it). delivered: a
 * receipt echoing its id arrived. needs_action: the person must change it (422, 413, unknown
 * service). quarantined: the server holds other answers under this id; kept, shown, never sent.
 * blocked: the server refused who is calling (401/403); kept until the person signs in again.
 */
export type OutboxState = 'queued' | 'sending' | 'delivered' | 'needs_action' | 'quarantined' | 'blocked';

/** Why the last attempt did not deliver; shown to the person in plain words. */
export type RetryReason = 'network' | 'timeout' | 'server_error' | 'busy' | 'not_a_receipt' | 'in_progress';

/**
 * The application body as stored on the device. A codec tag travels with it so that sealing to
 * the server's key slots in as a new codec, not a change of meaning.
 */
export type EncodedPayload =
  | { codec: 'json-v1'; body: string }
  /** Sealed: body is a SealedEnvelope (JSON) only the server can open; the default since v5. */
  | { codec: 'sealed-v1'; body: string };

export interface OutboxRow {
  id: string;
  owner: string;
  /** Absent for an application; 'feedback' for a rating of a service, which travels the same way. */
  kind?: 'feedback';
  /** Feedback only: the application it rates, or null for the service; kept after the payload goes. */
  applicationId?: string | null;
  serviceId: string;
  formVersion: number;
  state: OutboxState;
  /** Dropped once a receipt arrives: only the summary stays on the device. */
  payload: EncodedPayload | null;
  finalisedAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  /** Epoch ms before which a timer wake-up leaves the item alone (our backoff). */
  nextAttemptAt: number;
  /** Epoch ms before which nothing sends it, not even "Send now": the server's Retry-After. */
  notBefore?: number | null;
  /** Why the last attempt failed, while it is queued again. */
  retryReason?: RetryReason | null;
  receipt: Receipt | null;
  /** Why the item needs action: an API error code and, for 422, the field problems. */
  problem: { code: string; fields?: FieldProblem[] } | null;
  /** Photos of this application; each leaves the phone when the server has verified it. */
  attachments?: AttachmentState[];
  /**
   * The answers as submitted (canonical, shown fields only): the summary the person can read on the
   * phone after the payload is dropped at the receipt (docs/forms.md, "After Submit"). Absent on items finalised before it.
   */
  answers?: Answers;
  /**
   * When this phone saved the item into a hand-over file (docs/security.md). It still sends it itself: the
   * server takes an id once, so whichever phone reaches it first delivers it.
   */
  handedOverAt?: string;
  /**
   * Taken from a hand-over file: someone else's application this phone only carries to the server.
   * It is not the owner's (not among their applications, no number or status of it shown here).
   * WARNING: persisted shape.
   */
  carried?: true;
  /**
   * An on-behalf application's operator proof, sent beside the payload; replaced when the operator
   * signs it again after signing in. It names the operator, so the phone knows who may sign it.
   * WARNING: persisted shape.
   */
  delegation?: DelegationProof;
  /**
   * A signed-in citizen's proof over their own application (src/contract/citizen.ts), sent beside
   * the payload as an operator's is; replaced when it is signed again after a new sign-in.
   * WARNING: persisted shape.
   */
  citizen?: CitizenProof;
}

/** One file attached to an outbox item, uploaded on its own after the application JSON. */
export interface AttachmentState {
  field: string;
  sha256: string;
  size: number;
  type: string;
  /** Bytes the server has confirmed (tus Upload-Offset). */
  uploaded: number;
  /** The server holds the whole file and checked its hash. */
  done: boolean;
  /** Bytes sent when the phone keeps the file sealed, set as its upload starts: `uploaded` counts these. */
  sealedSize?: number;
}

/** A compressed photo kept on the phone until the server holds it. Key: its SHA-256. */
export interface BlobRow {
  sha256: string;
  /** The file's bytes, or with `sealed` its sealBytes envelope (aad: `sha256`). */
  blob: Blob;
  /** The plaintext's type and size, sealed or not. */
  type: string;
  size: number;
  createdAt: string;
  /**
   * Set when `blob` holds the file sealed to the server's key: only the server reads it.
   * WARNING: persisted on phones; never renamed.
   */
  sealed?: { keyId: string; size: number };
}

export interface RefRow {
  id: 'soato';
  data: SoatoList;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * What the server last said about one application, brought back by sync. Key: the application id.
 * WARNING: persisted shape.
 */
export interface StatusRow {
  id: string;
  owner: string;
  serviceId: string;
  status: ApplicationStatus;
  /** The agency's message in each language, when it gave one. */
  message: StatusMessage | null;
  /** Which correction of the application the status is about (1: as first sent). */
  revision: number;
  /** When the server recorded this status (ISO). */
  changedAt: string;
  /** The server's human-readable application number. */
  number: string | null;
  /** Set when the status changed since the person last looked. */
  unseen: boolean;
  /**
   * The application's fee as the server last sent it: what to pay and how, then the receipt. Kept
   * with the status so that it shows with no network. Absent for a service without a fee.
   */
  invoice?: Invoice;
}

/** The person's own details that prefill forms (docs/forms.md), one row per owner. WARNING: persisted shape. */
export interface ProfileRow {
  owner: string;
  values: Answers;
  /** The values under the owner's data key (a PIN owner's), bound to this owner; `values` is then `{}`. */
  sealed?: Ciphertext;
  updatedAt: string;
}

/** AES-GCM ciphertext of a JSON value: base64url IV and ciphertext with tag. WARNING: persisted shape. */
export interface Ciphertext {
  iv: string;
  ct: string;
}

/**
 * This phone's own keys, non-extractable CryptoKeys kept by structured clone, so script can use
 * them but never read their bytes. 'device': the AES-GCM wrapping key of the PIN locks; 'reply': the ECDH
 * private key what the server sends back is sealed to, with its public half. WARNING: persisted shape.
 */
export interface KeyRow {
  id: 'device' | 'reply';
  key: CryptoKey;
  /** 'reply' only: the public half, which every application carries. */
  publicKey?: P256PublicJwk;
  createdAt: string;
}

/**
 * One protected owner's lock (docs/security.md, "On the phone"): that owner's random data key, encrypted under a key
 * derived from the PIN (PBKDF2-SHA-256) and that again under the device key. WARNING: persisted shape.
 */
export interface LockRow {
  owner: string;
  /** base64url PBKDF2 salt, 16 bytes. */
  salt: string;
  iterations: number;
  /** The data key: AES-GCM under the PIN key, then under the device key. */
  wrapped: Ciphertext;
  /** Wrong PINs in a row; MAX_PIN_ATTEMPTS wipes the lock and what it protects. */
  failedAttempts: number;
  createdAt: string;
}

/** An operator who signed in on this phone (README.md, "Operators"). Key: the operator id. WARNING: persisted shape. */
export interface OperatorRow {
  id: string;
  username: string;
  displayName: string;
  /** The refresh token, encrypted under the operator's data key (readable only when unlocked). */
  refresh: Ciphertext | null;
  /**
   * The private delegation key of this sign-in (its P-256 JWK), encrypted under
   * the operator's data key: only the unlocked operator signs on-behalf applications. Absent for a
   * sign-in from before delegation keys. WARNING: persisted shape.
   */
  delegation?: { keyId: string; wrapped: Ciphertext };
  signedInAt: string;
}

/**
 * A resident an operator applies for on a shared phone. The name and anything else personal are in
 * `sealed`, under the operator's data key. Owner of the resident's drafts and outbox: `resident:<id>`.
 * WARNING: persisted shape.
 */
export interface ResidentRow {
  id: string;
  operator: string;
  sealed: Ciphertext;
  createdAt: string;
}

/** The owner key of a resident's drafts, outbox items and profile. */
export function residentOwner(residentId: string): string {
  return `resident:${residentId}`;
}

/** The owner key of an operator's own lock. */
export function operatorOwner(operatorId: string): string {
  return `operator:${operatorId}`;
}

export type { Catalogue };

/**
 * This phone's citizen sign-in (src/contract/citizen.ts), one for the whole phone, kept in the
 * meta store where the page and the service worker both read it. The private key is a
 * non-extractable CryptoKey kept by structured clone: script can sign with it, never read it.
 * 'pending' from the moment the key is sent to the server until the provider's answer comes back.
 * WARNING: persisted shape.
 */
export interface CitizenRecord {
  keyId: string;
  privateKey: CryptoKey;
  publicKey: P256PublicJwk;
  state: 'pending' | 'signed-in';
  /** The server said the provider is the stand-in OneID of local runs and tests. */
  standIn: boolean;
  /** Who the identity provider says this is; set once signed in. */
  session?: CitizenSession;
  createdAt: string;
}
