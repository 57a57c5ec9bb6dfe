import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import type { Schema } from './openapi-operations';

/** Where the document's component schemas are kept for $ref. */
const DOCUMENT_ID = 'urn:xizmat:openapi';
const COMPONENT_REF = '#/components/schemas/';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface SchemaValidator {
  /** Why `value` does not fit `schema` (a schema of the document, its $refs to components allowed), or null when it fits. */
  problem(schema: Schema, value: unknown): string | null;
}

/**
 * Validates values against the schemas of an OpenAPI 3.1 document with Ajv in strict mode, so a
 * schema with an unknown keyword or a type it contradicts is itself an error.
 */
export function schemaValidator(document: { components: { schemas: Readonly<Record<string, Schema>> } }): SchemaValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  ajv.addFormat('date-time', (text: string) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)));
  ajv.addSchema({ $id: DOCUMENT_ID, $defs: withDocumentRefs(document.components.schemas) });
  const compiled = new WeakMap<Schema, ValidateFunction>();
  return {
    problem(schema, value) {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(withDocumentRefs(schema) as object);
        compiled.set(schema, validate);
      }
      if (validate(value)) return null;
      const [first] = validate.errors ?? [];
      return first ? `${first.instancePath || '/'} ${first.message ?? 'does not fit'}` : 'does not fit';
    },
  };
}

/** A deep copy whose #/components/schemas/ refs point into the schemas kept under DOCUMENT_ID. */
function withDocumentRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withDocumentRefs);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [
    key,
    key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)
      ? `${DOCUMENT_ID}#/$defs/${value.slice(COMPONENT_REF.length)}`
      : withDocumentRefs(value),
  ]));
}
