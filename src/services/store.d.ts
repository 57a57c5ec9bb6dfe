import type { Answers, FieldProblem, Locale } from '../contract/index';
import { type DraftRow, type OutboxRow } from '../core/db/records';
import { XizmatDb } from '../core/db/xizmat-db';
/** Try due items this often while the app is open (backoff decides which are due). */
export declare const SEND_TIMER_MS = 30000;
/** Calls `listener` with the query's result now and after every change to what it read. */
export declare function watch<T>(query: (db: XizmatDb) => Promise<T>, listener: (value: T) => void): () => void;
export declare const queries: {
    catalogue: (d: XizmatDb) => import("dexie").PromiseExtended<import("../core/db/records").CatalogueRow[]>;
    service: (id: string) => (d: XizmatDb) => import("dexie").PromiseExtended<import("../core/db/records").CatalogueRow | undefined>;
    form: (serviceId: string, version: number) => (d: XizmatDb) => import("dexie").PromiseExtended<import("../core/db/records").FormRow | undefined>;
    soato: (d: XizmatDb) => import("dexie").PromiseExtended<import("../contract/reference-lists").SoatoList | undefined>;
    outbox: (d: XizmatDb) => import("dexie").PromiseExtended<OutboxRow[]>;
    waitingCount: (d: XizmatDb) => import("dexie").PromiseExtended<number>;
    lastContentSync: (d: XizmatDb) => import("dexie").PromiseExtended<string | undefined>;
    draft: (id: string) => (d: XizmatDb) => import("dexie").PromiseExtended<DraftRow | undefined>;
};
/** The newest unfinished draft for this service, or a new one: a person never loses a half-filled form. */
export declare function openDraft(serviceId: string, formVersion: number): Promise<DraftRow>;
export declare function saveAnswer(draftId: string, field: string, value: Answers[string]): Promise<void>;
/** Resolves when every answer typed so far is on disk (before a reload for an update). */
export declare function settleWrites(): Promise<void>;
export type SubmitResult = {
    ok: true;
    item: OutboxRow;
} | {
    ok: false;
    problems: FieldProblem[];
};
/** Finalises the draft into the outbox and starts sending if the network allows. */
export declare function submitDraft(draftId: string, serviceId: string, formVersion: number): Promise<SubmitResult>;
/** Sends what is waiting now, ignoring backoff ("Send now", network back). */
export declare function sendNow(): Promise<void>;
/**
 * Page-side wake-ups of the sender and content sync: on start, when the network returns, and on
 * a timer while the app is open. The service worker's Background Sync covers a closed tab.
 */
export declare function startBackgroundWork(): void;
export type { Locale };
