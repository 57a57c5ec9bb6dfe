import { Ajv2020 } from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf, type Schema } from './fuzz/openapi-operations';
import { schemaValidator } from './fuzz/schema-validator';
import { STAND_IN_ONEID_PREFIX } from './identity/stand-in-oneid';
import { openApiDocument } from './openapi';
import { OPENAPI_31_STRUCTURE } from './test-support/openapi-31-structure';
import { registeredRoutes } from './test-support/registered-routes';
import { startTestServer, type TestServer } from './test-support/start-test-server';

const document = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;
const operations = operationsOf(document);

/** Every value under `key` anywhere in the document, with where it is. */
function collect(key: string, node: unknown = document, at = '#'): { at: string; value: unknown }[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => [
    ...(k === key ? [{ at: `${at}/${k}`, value: v }] : []),
    ...collect(key, v, `${at}/${k}`),
  ]);
}

describe('the OpenAPI document', () => {
  it('has the structure of an OpenAPI 3.1 document', () => {
    const validate = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true }).compile(OPENAPI_31_STRUCTURE);
    expect(validate(document), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('holds only JSON Schemas that compile in strict mode (unknown keywords are errors)', () => {
    const validator = schemaValidator(document);
    const schemas = [
      ...Object.entries(document.components.schemas).map(([name, value]) => ({ at: `#/components/schemas/${name}`, value })),
      ...collect('schema', document.paths, '#/paths'),
    ];
    expect(schemas.length).toBeGreaterThan(50);
    for (const { at, value } of schemas) expect(() => validator.problem(value as Schema, null), at).not.toThrow();
  });

  it('has a target for every $ref', () => {
    const refs = collect('$ref').map(({ at, value }) => ({ at, value: String(value) }));
    expect(refs.length).toBeGreaterThan(20);
    for (const { at, value } of refs) {
      const target = value.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      expect(target, `${at}: ${value}`).toBeDefined();
    }
  });

  it('declares each path parameter its template names, and no other', () => {
    for (const operation of operations) {
      const named = [...operation.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name).sort();
      expect(declared, operation.key).toEqual(named);
    }
  });

  it('pairs each per-item status with its codes, and lets answers come back only sealed', () => {
    const validator = schemaValidator(document);
    const fits = (schema: string, value: unknown) => validator.problem({ $ref: `#/components/schemas/${schema}` }, value) === null;
    const id = '0193a0c2-2222-7000-8000-000000000002';
    const sealed = { v: 1, keyId: 'k', epk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, iv: 'aXY', ct: 'Y3Q' };
    const refused = (status: number, code: string, more: object = {}) => ({ id, status, error: { code, message: 'm', ...more } });
    expect(fits('ItemResult', refused(403, 'delegation_revoked'))).toBe(true);
    expect(fits('ItemResult', refused(403, 'validation_failed'))).toBe(false);
    expect(fits('ItemResult', refused(403, 'operator_not_bound'))).toBe(false);
    expect(fits('ItemResult', refused(422, 'validation_failed', { fields: [], reopenSealed: { formVersion: 1, revision: 2, sealed } }))).toBe(true);
    expect(fits('ItemResult', refused(422, 'id_reused', { reopenSealed: { formVersion: 1, sealed } }))).toBe(false);
    const change = { id, serviceId: 's', number: 'XZ-2026-000001', message: null, changedAt: '2026-03-01T09:30:00.000Z', revision: 1 };
    expect(fits('StatusChange', { ...change, status: 'returned', reopenSealed: { formVersion: 1, sealed } })).toBe(true);
    expect(fits('StatusChange', { ...change, status: 'received', reopenSealed: { formVersion: 1, sealed } })).toBe(false);
    const onBehalf = { operatorId: 'op-1', resident: { name: 'R' }, consent: { confirmedAt: '2026-03-01T09:30:00.000Z', method: 'typed', typedName: 'R' } };
    const item = { id, serviceId: 's', formVersion: 1, finalisedAt: '2026-03-01T09:30:00.000Z', answers: {}, onBehalf };
    expect(fits('SubmissionBatch', { items: [item] })).toBe(false);
    expect(fits('SubmissionBatch', { items: [{ ...item, delegation: { operatorId: 'op-1', keyId: 'k'.repeat(43), signature: 's'.repeat(86) } }] })).toBe(true);
  });

  it('names only security schemes it defines', () => {
    const schemes = Object.keys(document.components.securitySchemes);
    for (const { at, value } of collect('security')) {
      for (const requirement of value as Record<string, unknown>[]) {
        for (const name of Object.keys(requirement)) expect(schemes, at).toContain(name);
      }
    }
  });
});

describe('the routes the server has', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ adminToken: 'a'.repeat(40) }); });
  afterAll(async () => { await server.close(); });

  it('are each described in the OpenAPI document, and each operation described is a route', () => {
    const registered = registeredRoutes(server.app);
    const get = new Set(registered.filter((r) => r.method === 'GET').map((r) => r.url));
    // Fastify answers HEAD for every GET by itself; a HEAD of its own (tus) must be described.
    // The stand-in OneID plays another service (OneID) with OneID's own protocol (docs/security.md): not this API.
    const served = registered.filter((r) => !(r.method === 'HEAD' && get.has(r.url)) && !r.url.startsWith(STAND_IN_ONEID_PREFIX))
      .map((r) => `${r.method} ${r.url}`);
    expect(served).toContain('GET /api/v1/catalogue');
    expect(served).toContain('PATCH /api/v1/uploads/:id');
    expect(served).toContain('POST /back-office/move');
    const described = operations.map((o) => `${o.method} ${o.route}`);
    expect(described.sort()).toEqual(served.sort());
  });
});
