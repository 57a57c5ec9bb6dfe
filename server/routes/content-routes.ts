import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '../../src/contract/index';
import type { Content } from '../content/content';
import { HttpError } from '../http/api-error';
import { sendJsonDocument, toJsonDocument, type JsonDocument } from '../http/json-document';
import { IMMUTABLE, REVALIDATE } from '../http/cache-control';

const POSITIVE_INTEGER = /^[1-9]\d*$/;

/** GET catalogue, forms and reference lists: serialised once at start, each with its ETag. */
export async function contentRoutes(app: FastifyInstance, { content }: { content: Content }) {
  const catalogue = toJsonDocument(content.catalogue);
  const soato = toJsonDocument(content.soato);
  const forms = new Map<string, Map<number, JsonDocument>>();
  for (const [serviceId, versions] of content.forms) {
    forms.set(serviceId, new Map([...versions].map(([version, form]) => [version, toJsonDocument(form)])));
  }

  app.get('/catalogue', (request, reply) => sendJsonDocument(request, reply, catalogue, REVALIDATE));

  app.get<{ Params: { serviceId: string; version: string } }>('/forms/:serviceId/:version', (request, reply) => {
    const { serviceId, version } = request.params;
    const versions = forms.get(serviceId);
    if (!versions) throw new HttpError(404, ERROR_CODES.unknownService, `No service "${serviceId}".`);
    const form = POSITIVE_INTEGER.test(version) ? versions.get(Number(version)) : undefined;
    if (!form) throw new HttpError(404, ERROR_CODES.unknownFormVersion, `"${serviceId}" has no form version ${version}.`);
    // A form version never changes once published, so clients may keep it for good.
    return sendJsonDocument(request, reply, form, IMMUTABLE);
  });

  app.get('/refs/soato', (request, reply) => sendJsonDocument(request, reply, soato, REVALIDATE));
}
