/** JSON Schema as the OpenAPI document writes it (2020-12). */
export type Schema = Readonly<Record<string, unknown>>;

export interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface MediaType {
  schema?: Schema;
}

export interface ResponseSpec {
  description: string;
  headers?: Record<string, { required?: boolean; schema?: Schema }>;
  content?: Record<string, MediaType>;
}

/** One method on one path of the OpenAPI document, with the URL it is served at. */
export interface Operation {
  /** "POST /api/v1/submissions": how failures and known failures name it. */
  key: string;
  /** Upper case. */
  method: string;
  /** The full path as the document writes it, server prefix included: /api/v1/submissions/{id}. */
  template: string;
  /** The same in Fastify's words: /api/v1/submissions/:id. */
  route: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseSpec>;
}

interface Document {
  servers?: readonly { url: string }[];
  paths: Readonly<Record<string, unknown>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of the document, each under the server its path item (or the document) names. */
export function operationsOf(document: Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, raw]) => {
    const item = raw as Record<string, unknown> & { servers?: readonly { url: string }[]; parameters?: Parameter[] };
    const server = (item.servers ?? document.servers ?? [{ url: '/' }])[0]!.url.replace(/\/$/, '');
    const template = `${server}${path}`;
    return METHODS.filter((method) => method in item).map((method) => {
      const operation = item[method] as { parameters?: Parameter[]; requestBody?: Operation['requestBody']; responses: Operation['responses'] };
      return {
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        route: template.replace(/\{(\w+)\}/g, ':$1'),
        parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
        requestBody: operation.requestBody,
        responses: operation.responses,
      };
    });
  });
}

/** The response the document gives for a status: the exact code, its range (4XX), or default. */
export function documentedResponse(operation: Operation, status: number): ResponseSpec | undefined {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}
