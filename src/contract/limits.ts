/** Largest request body the API accepts: a batch of 50 text applications fits with room to spare. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Most items in one submissions batch (docs/performance.md, S1: one request per flush, at most 50 items). */
export const MAX_BATCH_ITEMS = 50;
/** Longest single answer: long enough for a free-text reason, short enough to keep batches small. */
export const MAX_ANSWER_CHARS = 2_000;
/** What a person typed beside a text answer: NFD input (a base letter and its mark) is at most twice its composed form. */
export const MAX_RAW_CHARS = 2 * MAX_ANSWER_CHARS;
/**
 * How deep one item of a batch may nest (the item itself is level 1): an application's deepest
 * part is a group's list of items holding lists of ticked values (5), with room for what an
 * on-behalf item or a sealed envelope carries. Deeper is refused before anything recurses over it.
 */
export const MAX_ITEM_DEPTH = 8;
/** Most answers one application may carry. */
export const MAX_ANSWERS = 200;
/** Largest attachment the server takes: a compressed A4 photo is about 250 KB, a PDF scan more. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
