import { brotliCompressSync, constants } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  catalogueEtag, ERROR_CODES, MAX_FORMS_PER_REQUEST, type Catalogue, type CatalogueDelta, type FormDefinition,
} from '../../src/contract/index';
import type { Content } from '../content/content';
import { HttpError } from '../http/api-error';
import { JSON_CONTENT_TYPE, sendJsonDocument, toJsonDocument, type JsonDocument } from '../http/json-document';
import { IMMUTABLE, REVALIDATE } from '../http/cache-control';
import type { Storage } from '../storage/storage';

const POSITIVE_INTEGER = /^[1-9]\d*$/;
const FORM_KEY = /^(?<serviceId>[a-z0-9]+(?:-[a-z0-9]+)*):(?<version>[1-9]\d*)$/;
/** Deltas kept serialised per `since` for the current version: devices cluster on a few versions. */
const DELTA_CACHE_ENTRIES = 64;
/**
 * Catalogue answers are compressed once per version at brotli's best quality (about a fifth smaller
 * than on-the-fly quality 4 for the first sync); bodies above this size get a faster quality.
 */
const BEST_BROTLI_MAX_BYTES = 1024 * 1024;
const ACCEPTS_BR = /(?:^|,)\s*br\s*(?:;\s*q\s*=\s*(?:1(?:\.0*)?|0?\.\d*[1-9]\d*))?\s*(?:,|$)/i;

interface CatalogueDocument extends JsonDocument {
  /** The body as brotli, made on first use. */
  br?: Buffer;
}

/** A query parameter as Fastify parses it: a string, or a list when it is given more than once. */
type QueryValue = string | string[] | undefined;
interface ChangesQuery { since?: QueryValue; epoch?: QueryValue }

/**
 * Catalogue (full and delta since a version, ETag per catalogue version), forms (one version, or
 * several at once for offline work) and reference lists. The catalogue lives in the store: this
 * server publishes content/ into it on start, and serves whatever version the store holds.
 */
export async function contentRoutes(app: FastifyInstance, { content, storage }: { content: Content; storage: Storage }) {
  await storage.publishCatalogue(content.catalogue);
  const soato = toJsonDocument(content.soato);
  const forms = new Map<string, Map<number, { doc: JsonDocument; form: FormDefinition }>>();
  for (const [serviceId, versions] of content.forms) {
    forms.set(serviceId, new Map([...versions].map(([version, form]) => [version, { doc: toJsonDocument(form), form }])));
  }
  const deltas = deltaCache(storage);

  app.get('/catalogue', async (request, reply) => {
    return sendCatalogue(request, reply, await deltas.get('full', null, null));
  });

  app.get<{ Querystring: ChangesQuery }>('/catalogue/changes', async (request, reply) => {
    const since = once(request.query.since, 'since');
    const epoch = once(request.query.epoch, 'epoch');
    if (since !== undefined && !POSITIVE_INTEGER.test(since)) {
      throw new HttpError(400, ERROR_CODES.badRequest, '`since` must be a catalogue version (a positive integer).');
    }
    return sendCatalogue(request, reply, await deltas.get('delta', since === undefined ? null : Number(since), epoch ?? null));
  });

  app.get<{ Params: { serviceId: string; version: string } }>('/forms/:serviceId/:version', (request, reply) => {
    const { serviceId, version } = request.params;
    // A form version never changes once published, so clients may keep it for good.
    return sendJsonDocument(request, reply, findForm(serviceId, version).doc, IMMUTABLE);
  });

  app.get<{ Querystring: { keys?: QueryValue } }>('/forms', (request, reply) => {
    const keys = (once(request.query.keys, 'keys') ?? '').split(',').filter(Boolean);
    if (keys.length === 0 || keys.length > MAX_FORMS_PER_REQUEST) {
      throw new HttpError(400, ERROR_CODES.badRequest, `\`keys\` must list 1 to ${MAX_FORMS_PER_REQUEST} forms as serviceId:version.`);
    }
    const found = keys.map((key) => {
      const match = FORM_KEY.exec(key);
      if (!match?.groups) throw new HttpError(400, ERROR_CODES.badRequest, `"${key}" is not serviceId:version.`);
      return findForm(match.groups.serviceId!, match.groups.version!).form;
    });
    // The URL names exact versions, and those never change.
    return sendJsonDocument(request, reply, toJsonDocument({ forms: found }), IMMUTABLE);
  });

  app.get('/refs/soato', (request, reply) => sendJsonDocument(request, reply, soato, REVALIDATE));

  function findForm(serviceId: string, version: string) {
    const versions = forms.get(serviceId);
    if (!versions) throw new HttpError(404, ERROR_CODES.unknownService, `No service "${serviceId}".`);
    const form = POSITIVE_INTEGER.test(version) ? versions.get(Number(version)) : undefined;
    if (!form) throw new HttpError(404, ERROR_CODES.unknownFormVersion, `"${serviceId}" has no form version ${version}.`);
    return form;
  }
}

/** The value of a query parameter given at most once; given twice it is a bad request, not a list. */
function once(value: QueryValue, name: string): string | undefined {
  if (Array.isArray(value)) throw new HttpError(400, ERROR_CODES.badRequest, `\`${name}\` must be given once.`);
  return value;
}

/**
 * Serialised catalogue answers for the store's current version. Each request asks the store for
 * its version (one indexed row), so a server behind a load balancer serves what another published.
 */
function deltaCache(storage: Storage) {
  let cachedFor = '';
  const docs = new Map<string, CatalogueDocument>();
  return {
    async get(kind: 'full' | 'delta', since: number | null, epoch: string | null): Promise<CatalogueDocument> {
      const current = await storage.catalogueVersion();
      if (!current) throw new HttpError(503, ERROR_CODES.internal, 'The catalogue is not published yet.');
      const etag = catalogueEtag(current.epoch, current.version);
      if (etag !== cachedFor) {
        docs.clear();
        cachedFor = etag;
      }
      const key = `${kind}|${since}|${epoch}`;
      const cached = docs.get(key);
      if (cached) return cached;
      const delta = await storage.catalogueChanges(since, epoch);
      if (!delta) throw new HttpError(503, ERROR_CODES.internal, 'The catalogue is not published yet.');
      // The ETag names the version the answer brings the device to; If-None-Match with it means "nothing new".
      const doc = { body: JSON.stringify(kind === 'full' ? toCatalogue(delta) : delta), etag: catalogueEtag(delta.epoch, delta.version) };
      if (docs.size >= DELTA_CACHE_ENTRIES) docs.delete(docs.keys().next().value!);
      docs.set(key, doc);
      return doc;
    },
  };
}

function toCatalogue(delta: CatalogueDelta): Catalogue {
  return { epoch: delta.epoch, version: delta.version, categories: delta.categories ?? [], services: delta.services };
}

/** Like sendJsonDocument (ETag, 304), with the body brotli-compressed once and kept when the client takes br. */
function sendCatalogue(request: FastifyRequest, reply: FastifyReply, doc: CatalogueDocument) {
  const acceptsBr = ACCEPTS_BR.test(String(request.headers['accept-encoding'] ?? ''));
  if (!acceptsBr || etagMatches(request.headers['if-none-match'], doc.etag)) return sendJsonDocument(request, reply, doc, REVALIDATE);
  doc.br ??= brotliCompressSync(doc.body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: doc.body.length <= BEST_BROTLI_MAX_BYTES ? 11 : 6, [constants.BROTLI_PARAM_SIZE_HINT]: doc.body.length },
  });
  return reply.header('ETag', doc.etag).header('Cache-Control', REVALIDATE).header('Vary', 'Accept-Encoding')
    .header('Content-Encoding', 'br').type(JSON_CONTENT_TYPE).send(doc.br);
}

/** If-None-Match by weak comparison, as sendJsonDocument judges it (RFC 9110 13.1.2). */
function etagMatches(header: string | undefined, etag: string): boolean {
  return Boolean(header?.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag));
}
