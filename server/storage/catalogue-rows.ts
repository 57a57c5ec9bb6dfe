import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../submissions/canonical-json';

/** The catalogue_state row (migration 2), as both adapters read it. */
export interface StateRow {
  epoch: string;
  version: number;
  categories: string;
  categories_changed_in: number;
}

/** A catalogue_services row; `changed_in` where the query reads it. */
export interface ServiceRow {
  id: string;
  entry: string;
  hash: string;
  changed_in?: number;
  removed_in: number | null;
}

/** Random bytes of a new epoch: tells this history from one a fresh database would start. */
const EPOCH_BYTES = 6;

/** A service's or the categories' content hash: equal hashes mean nothing changed. */
export const catalogueHash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('base64url');

/** A new catalogue epoch: phones holding a version of another epoch start again from nothing. */
export const newEpoch = (): string => randomBytes(EPOCH_BYTES).toString('base64url');
