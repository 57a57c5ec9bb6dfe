import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../openapi';
import type { Schema } from './openapi-operations';
import { schemaArbitrary } from './schema-arbitrary';
import { schemaValidator } from './schema-validator';

const document = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;
const components = document.components.schemas as Record<string, Schema>;
const validator = schemaValidator(document);

describe('schemaArbitrary', () => {
  it.each(Object.keys(components))('makes only values that fit the %s schema', (name) => {
    fc.assert(fc.property(schemaArbitrary(components[name]!, components), (value) => validator.problem(components[name]!, value) === null), { numRuns: 40 });
  });
});
