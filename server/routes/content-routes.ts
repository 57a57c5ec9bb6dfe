import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, MAX_FORMS_PER_REQUEST, type FormDefinition, type ServicePage } from '../../src/contract/index';
import type { Content } from '../content/content';
import { acceptsEncoding } from '../http/accepts-encoding';
import { HttpError } from '../http/api-error';
import { queryOnce, type QueryValue } from '../http/query-once';
import { JSON_CONTENT_TYPE, sendJsonDocument, toJsonDocument, type JsonDocument } from '../http/json-document';
import { IMMUTABLE, REVALIDATE } from '../http/cache-control';
import type { Storage } from '../storage/storage';
import { catalogueAnswers, type CatalogueDocument } from './catalogue-answers';

const POSITIVE_INTEGER = /^[1-9]\d*$/;
const FORM_KEY = /^(?<serviceId>[a-z0-9]+(?:-[a-z0-9]+)*):(?<version>[1-9]\d*)$/;

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
  const deltas = catalogueAnswers(storage);
  // A service with its current form: what a form link needs when the phone has neither yet.
  const servicePages = new Map(content.catalogue.services.map((service) => [
    service.id, toJsonDocument({ service, form: content.forms.get(service.id)!.get(service.formVersion)! } satisfies ServicePage),
  ]));

  app.get('/catalogue', async (request, reply) => {
    return sendCatalogue(request, reply, await deltas.get('full', null, null));
  });

  app.get<{ Querystring: ChangesQuery }>('/catalogue/changes', async (request, reply) => {
    const since = queryOnce(request.query.since, 'since');
    const epoch = queryOnce(request.query.epoch, 'epoch');
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

  app.get<{ Params: { serviceId: string } }>('/services/:serviceId', (request, reply) => {
    const page = servicePages.get(request.params.serviceId);
    if (!page) throw new HttpError(404, ERROR_CODES.unknownService, `No service "${request.params.serviceId}" in the catalogue.`);
    // The current form version moves when content is published: revalidate, the ETag makes it cheap.
    return sendJsonDocument(request, reply, page, REVALIDATE);
  });

  app.get<{ Querystring: { keys?: QueryValue } }>('/forms', (request, reply) => {
    const keys = (queryOnce(request.query.keys, 'keys') ?? '').split(',').filter(Boolean);
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

/** Like sendJsonDocument (ETag, 304), with the body as brotli made once per version when the client takes br. */
async function sendCatalogue(request: FastifyRequest, reply: FastifyReply, doc: CatalogueDocument) {
  const acceptsBr = acceptsEncoding(request.headers['accept-encoding'], 'br');
  const br = acceptsBr && !etagMatches(request.headers['if-none-match'], doc.etag) ? await doc.br : null;
  if (!br) return sendJsonDocument(request, reply, doc, REVALIDATE);
  return reply.header('ETag', doc.etag).header('Cache-Control', REVALIDATE).header('Vary', 'Accept-Encoding')
    .header('Content-Encoding', 'br').type(JSON_CONTENT_TYPE).send(br);
}

/** If-None-Match by weak comparison, as sendJsonDocument judges it (RFC 9110 13.1.2). */
function etagMatches(header: string | undefined, etag: string): boolean {
  return Boolean(header?.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag));
}
