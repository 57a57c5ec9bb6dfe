import { brotliCompress, constants } from 'node:zlib';
import { promisify } from 'node:util';
import { catalogueEtag, ERROR_CODES, type Catalogue, type CatalogueDelta } from '../../src/contract/index';
import { HttpError } from '../http/api-error';
import type { JsonDocument } from '../http/json-document';
import type { Storage } from '../storage/storage';

const brotli = promisify(brotliCompress);

/**
 * Deltas are kept for phones at most this many versions behind; a phone further behind (or on
 * another epoch, or at a version the server never had) gets the one reset answer, which such an
 * old delta would be about the size of anyway. So at most this many + 2 answers exist per version.
 */
export const DELTA_VERSIONS = 64;
/**
 * Catalogue answers are compressed once per version at brotli's best quality (about a fifth smaller
 * than on-the-fly quality 4 for the first sync); bodies above this size get a faster quality.
 */
const BEST_BROTLI_MAX_BYTES = 1024 * 1024;
const BEST_QUALITY = 11;
const LARGE_QUALITY = 6;

export interface CatalogueDocument extends JsonDocument {
  /** The body as brotli, made once on the thread pool; null if that failed. Absent on an answer not kept. */
  br?: Promise<Buffer | null>;
}

/**
 * The catalogue's answers for the store's current version, each made once: the full catalogue,
 * the reset every unknown `since` or `epoch` maps to, and a delta for each of the last
 * DELTA_VERSIONS versions. Each request asks the store for its version (one indexed row), so a
 * server behind a load balancer serves what another published. Brotli runs on the thread pool,
 * one body at a time, never on the event loop; requests for an answer wait for its one compression.
 */
export function catalogueAnswers(storage: Storage) {
  let cachedFor = '';
  const docs = new Map<string, Promise<CatalogueDocument>>();
  let compressing: Promise<unknown> = Promise.resolve();

  /** Compresses the body after the bodies before it: one brotli at a time, so the pool keeps threads for files and scrypt. */
  const compress = (doc: CatalogueDocument) => {
    const quality = doc.body.length <= BEST_BROTLI_MAX_BYTES ? BEST_QUALITY : LARGE_QUALITY;
    const params = { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: doc.body.length };
    const br = compressing.then(() => brotli(doc.body, { params })).catch(() => null);
    compressing = br;
    doc.br = br;
  };

  const make = async (since: number | null, epoch: string | null, full: boolean): Promise<CatalogueDocument> => {
    const delta = await storage.catalogueChanges(since, epoch);
    if (!delta) throw notPublished();
    // The ETag names the version the answer brings the device to; If-None-Match with it means "nothing new".
    return { body: JSON.stringify(full ? toCatalogue(delta) : delta), etag: catalogueEtag(delta.epoch, delta.version) };
  };

  return {
    async get(kind: 'full' | 'delta', since: number | null, epoch: string | null): Promise<CatalogueDocument> {
      const current = await storage.catalogueVersion();
      if (!current) throw notPublished();
      const etag = catalogueEtag(current.epoch, current.version);
      if (etag !== cachedFor) {
        docs.clear();
        cachedFor = etag;
      }
      const known = kind === 'delta' && since !== null && epoch === current.epoch && since <= current.version && since > current.version - DELTA_VERSIONS;
      const key = kind === 'full' ? 'full' : known ? `since:${since}` : 'reset';
      const cached = docs.get(key);
      if (cached) return cached;
      // Concurrent requests for one answer share its making. One that failed, or that found the
      // catalogue published again meanwhile, answers its requests and is not kept.
      const forget = () => { if (docs.get(key) === doc) docs.delete(key); };
      const doc: Promise<CatalogueDocument> = make(known ? since : null, known ? epoch : null, kind === 'full').then((made) => {
        if (made.etag === etag) compress(made);
        else forget();
        return made;
      });
      docs.set(key, doc);
      doc.catch(forget);
      return doc;
    },
    /** How many answers are kept now (at most DELTA_VERSIONS + 2). */
    get size(): number {
      return docs.size;
    },
  };
}

function toCatalogue(delta: CatalogueDelta): Catalogue {
  return { epoch: delta.epoch, version: delta.version, categories: delta.categories ?? [], services: delta.services };
}

const notPublished = () => new HttpError(503, ERROR_CODES.internal, 'The catalogue is not published yet.');
