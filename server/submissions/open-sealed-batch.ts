import {
  ERROR_CODES, MAX_BATCH_ITEMS, MAX_ITEM_DEPTH, SealError, delegationDigest, isSealedItem, isUuidV7, nestsWithin, openSealed, type ItemResult,
  type SubmissionItem,
} from '../../src/contract/index';
import type { ServerKeys } from '../auth/server-keys';
import { sealedReopen } from './seal-reply';

/** A batch with its sealed items opened: `items` to check and judge as before, `refused` by their place in the batch. */
interface OpenedBatch {
  body: unknown;
  /** Items that did not open, by their index in the batch as sent. */
  refused: Map<number, ItemResult>;
  /** Ids of the items that came sealed and opened: their sender cannot read them back. */
  sealedIds: Set<string>;
  /** Of each opened item with an operator's or citizen's proof beside its envelope: the digest the proof covers (src/contract/delegation.ts). */
  digests: Map<string, string>;
}

/**
 * A per-item 422 validation_failed for a sealed item carries what the server opened: the phone
 * that made it cannot read its own sealed item, and needs the answers to reopen the draft for
 * correction. They go sealed to the reply key inside the envelope, so whoever else sends the
 * envelope reads nothing, and not at all when the item carried none.
 */
export async function withReopen(result: ItemResult, item: unknown, sealedIds: Set<string>): Promise<ItemResult> {
  if (result.status !== 422 || result.error.code !== ERROR_CODES.validationFailed || !sealedIds.has(result.id)) return result;
  const opened = item as SubmissionItem;
  const reopenSealed = await sealedReopen(result.id, opened, opened.replyKey);
  return reopenSealed ? { ...result, error: { ...result.error, reopenSealed } } : result;
}

/**
 * Opens every sealed item of a batch with the server's private key (docs/security.md, "On the server"). An item that does
 * not open is answered on its own (422 sealed_invalid, or seal_key_unknown for a key this server
 * never held) and left out; the rest of the batch goes on as if it had been sent readable. A batch
 * whose shape is wrong is passed on untouched, for parseBatch to refuse as before.
 */
export async function openSealedBatch(body: unknown, keys: Pick<ServerKeys, 'openingKey'>): Promise<OpenedBatch> {
  const refused = new Map<number, ItemResult>();
  const sealedIds = new Set<string>();
  const digests = new Map<string, string>();
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length > MAX_BATCH_ITEMS || !items.some(hasSealed)) return { body, refused, sealedIds, digests };
  const ids = items.map((item) => (item as { id?: unknown } | null)?.id);
  // Repeated or malformed ids, and items nested too deep to hash, are parseBatch's to refuse, whole batch, before anything is opened.
  if (ids.some((id) => !isUuidV7(id)) || new Set(ids).size !== ids.length || !items.every((item) => nestsWithin(item, MAX_ITEM_DEPTH))) {
    return { body, refused, sealedIds, digests };
  }
  const opened: unknown[] = [];
  for (const [index, item] of items.entries()) {
    if (!hasSealed(item)) {
      opened.push(item);
      continue;
    }
    const id = ids[index] as string;
    const result = await openItem(item, id, keys);
    if ('status' in result) refused.set(index, result);
    else {
      // The operator's and the citizen's proofs travel beside the envelope; one inside it counts for nothing.
      const { delegation: _inside, citizen: _insideCitizen, ...inner } = result.item as { delegation?: unknown; citizen?: unknown };
      const { delegation: beside, citizen: citizenBeside } = item as { delegation?: unknown; citizen?: unknown };
      opened.push({ ...inner, ...(beside === undefined ? {} : { delegation: beside }), ...(citizenBeside === undefined ? {} : { citizen: citizenBeside }) });
      if (beside !== undefined || citizenBeside !== undefined) digests.set(id, await delegationDigest(item as object));
      sealedIds.add(id);
    }
  }
  return { body: { items: opened }, refused, sealedIds, digests };
}

function hasSealed(item: unknown): boolean {
  return typeof item === 'object' && item !== null && 'sealed' in item;
}

async function openItem(item: unknown, id: string, keys: Pick<ServerKeys, 'openingKey'>): Promise<ItemResult | { item: unknown }> {
  const invalid = (message: string): ItemResult => ({ id, status: 422, error: { code: ERROR_CODES.sealedInvalid, message } });
  if (!isSealedItem(item)) return invalid('The sealed envelope is malformed.');
  const key = await keys.openingKey(item.sealed.keyId);
  if (!key) {
    return { id, status: 422, error: { code: ERROR_CODES.sealKeyUnknown, message: 'Sealed to a key this server does not hold; fetch the seal key again.' } };
  }
  let inner: unknown;
  try {
    inner = await openSealed(item.sealed, key, id);
  } catch (error) {
    if (error instanceof SealError) return invalid(error.message);
    throw error;
  }
  // The envelope is bound to its id (additional data); the application inside must say the same id.
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner) || (inner as { id?: unknown }).id !== id || hasSealed(inner)) {
    return invalid('The sealed application does not carry the id it was sent under.');
  }
  return { item: inner };
}
