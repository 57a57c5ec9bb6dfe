import { SEALED_CODEC, todayInTashkent } from '../../contract/index';
import type { OutboxRow, OutboxState } from '../db/records';

/**
 * States an item may be handed over in: not yet delivered and nothing for the person to fix. A
 * `sending` item on a phone with no network was left by a sender that died; it is still waiting.
 */
const EXPORTABLE_STATES: readonly OutboxState[] = ['queued', 'sending', 'blocked'];

/**
 * True for an application that may leave this phone in a hand-over file: sealed (nobody on the way
 * can read it) and still waiting. Readable (json-v1) items and ratings never do.
 */
export function isExportable(row: OutboxRow): boolean {
  return row.kind === undefined && row.payload?.codec === SEALED_CODEC && EXPORTABLE_STATES.includes(row.state);
}

/** The file's name: the day in Tashkent and how many applications it carries. */
export function handoverFileName(now: Date, count: number): string {
  return `xizmat-handover-${todayInTashkent(now)}-${count}.json`;
}
