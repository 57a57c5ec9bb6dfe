/**
 * The OpenAPI 3.1.0 document structure (spec.openapis.org/oas/v3.1.0, sections 4.8.x) as JSON
 * Schema 2020-12, for the objects this API's document uses: which fields each object may have,
 * which it must, and what they hold. Schema Objects inside are left to Ajv's own meta-schema
 * (2020-12, which is what OpenAPI 3.1 uses) and compiled one by one by the test.
 */
const extensible = { '^x-': {} };
const text = { type: 'string' };
const map = (values: object) => ({ type: 'object', additionalProperties: values });
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const closed = (properties: object, required: string[] = []) => ({
  type: 'object', properties, required, patternProperties: extensible, additionalProperties: false,
});
const orReference = (name: string) => ({ oneOf: [ref('reference'), ref(name)] });

export const OPENAPI_31_STRUCTURE = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  ...closed({
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+(-.+)?$' },
    info: ref('info'),
    jsonSchemaDialect: text,
    servers: { type: 'array', items: ref('server') },
    paths: ref('paths'),
    webhooks: map(orReference('pathItem')),
    components: ref('components'),
    security: { type: 'array', items: ref('securityRequirement') },
    tags: { type: 'array' },
    externalDocs: { type: 'object' },
  }, ['openapi', 'info']),
  anyOf: [{ required: ['paths'] }, { required: ['components'] }, { required: ['webhooks'] }],
  $defs: {
    info: closed({
      title: text, summary: text, description: text, termsOfService: text, contact: { type: 'object' }, license: { type: 'object' }, version: text,
    }, ['title', 'version']),
    server: closed({ url: text, description: text, variables: map({ type: 'object', required: ['default'] }) }, ['url']),
    paths: { type: 'object', patternProperties: { '^/': ref('pathItem'), ...extensible }, additionalProperties: false },
    pathItem: closed({
      $ref: text, summary: text, description: text, servers: { type: 'array', items: ref('server') },
      parameters: { type: 'array', items: orReference('parameter') },
      get: ref('operation'), put: ref('operation'), post: ref('operation'), delete: ref('operation'),
      options: ref('operation'), head: ref('operation'), patch: ref('operation'), trace: ref('operation'),
    }),
    operation: closed({
      tags: { type: 'array', items: text }, summary: text, description: text, externalDocs: { type: 'object' }, operationId: text,
      parameters: { type: 'array', items: orReference('parameter') }, requestBody: orReference('requestBody'),
      responses: ref('responses'), callbacks: { type: 'object' }, deprecated: { type: 'boolean' },
      security: { type: 'array', items: ref('securityRequirement') }, servers: { type: 'array', items: ref('server') },
    }),
    parameter: {
      ...closed({
        name: text, in: { enum: ['query', 'header', 'path', 'cookie'] }, description: text, required: { type: 'boolean' },
        deprecated: { type: 'boolean' }, allowEmptyValue: { type: 'boolean' }, style: text, explode: { type: 'boolean' },
        allowReserved: { type: 'boolean' }, schema: ref('schema'), example: true, examples: map(orReference('example')),
        content: map(ref('mediaType')),
      }, ['name', 'in']),
      oneOf: [{ required: ['schema'] }, { required: ['content'] }],
      if: { properties: { in: { const: 'path' } } },
      then: { properties: { required: { const: true } }, required: ['required'] },
    },
    requestBody: closed({ description: text, content: map(ref('mediaType')), required: { type: 'boolean' } }, ['content']),
    mediaType: closed({ schema: ref('schema'), example: true, examples: map(orReference('example')), encoding: { type: 'object' } }),
    responses: {
      type: 'object', minProperties: 1,
      patternProperties: { '^[1-5](?:\\d{2}|XX)$': orReference('response'), ...extensible },
      properties: { default: orReference('response') },
      additionalProperties: false,
    },
    response: closed({
      description: text, headers: map(orReference('header')), content: map(ref('mediaType')), links: { type: 'object' },
    }, ['description']),
    header: {
      ...closed({
        description: text, required: { type: 'boolean' }, deprecated: { type: 'boolean' }, style: { const: 'simple' },
        explode: { type: 'boolean' }, schema: ref('schema'), example: true, examples: map(orReference('example')), content: map(ref('mediaType')),
      }),
      oneOf: [{ required: ['schema'] }, { required: ['content'] }],
    },
    example: closed({ summary: text, description: text, value: true, externalValue: text }),
    components: closed({
      schemas: map(ref('schema')), responses: map(orReference('response')), parameters: map(orReference('parameter')),
      examples: map(orReference('example')), requestBodies: map(orReference('requestBody')), headers: map(orReference('header')),
      securitySchemes: map(orReference('securityScheme')), links: { type: 'object' }, callbacks: { type: 'object' }, pathItems: map(ref('pathItem')),
    }),
    securityScheme: {
      ...closed({
        type: { enum: ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'] }, description: text, name: text,
        in: { enum: ['query', 'header', 'cookie'] }, scheme: text, bearerFormat: text, flows: { type: 'object' }, openIdConnectUrl: text,
      }, ['type']),
      allOf: [
        { if: { properties: { type: { const: 'http' } } }, then: { required: ['scheme'] } },
        { if: { properties: { type: { const: 'apiKey' } } }, then: { required: ['name', 'in'] } },
      ],
    },
    securityRequirement: map({ type: 'array', items: text }),
    reference: { type: 'object', properties: { $ref: text, summary: text, description: text }, required: ['$ref'], additionalProperties: false },
    schema: { type: ['object', 'boolean'] },
  },
} as const;
