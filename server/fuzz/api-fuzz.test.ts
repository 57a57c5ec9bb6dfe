import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../openapi';
import { documentedRequests } from './documented-requests';
import { closeConnections } from './fuzz-request';
import { fuzzProperty, type FuzzContext } from './fuzz-run';
import { startFuzzWorld, type FuzzWorld } from './fuzz-world';
import { issueReproductions } from './issue-reproductions';
import { KNOWN_FAILURES } from './known-failures';
import { operationsOf, type Schema } from './openapi-operations';
import { operationExamples } from './operation-examples';
import { requestArbitrary } from './request-arbitrary';
import { unknownSealKey } from './request-body';
import { schemaValidator } from './schema-validator';

/** Generated requests per operation; FUZZ_RUNS=5000 for a long local run. Sized so the suite stays near 45 s on two cores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** The batch carries the most shapes (sealed, on behalf, feedback, corrections): it gets more runs. */
const RUNS_FACTOR: Record<string, number> = { 'POST /api/v1/submissions': 4, 'POST /back-office/move': 2, 'PATCH /api/v1/uploads/{id}': 2 };
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Per operation, with shrinking on failure: generous, so only a real hang fails on time. */
const OPERATION_TIMEOUT_MS = 10 * 60_000;

const document = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;
const components = document.components.schemas as Record<string, Schema>;
const operations = operationsOf(document);
let world: FuzzWorld;
let context: FuzzContext;

beforeAll(async () => {
  console.log(`API fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (set both to replay this run)`);
  world = await startFuzzWorld();
  context = {
    world, operations, validator: schemaValidator(document),
    keys: { server: world.sealKey, unknown: await unknownSealKey() },
    tally: { sent: 0, statuses: new Map(), known: new Map() },
  };
});

afterAll(async () => {
  closeConnections();
  await world?.close();
});

describe('the API under generated requests (OpenAPI-driven fuzz)', () => {
  it.each(operations.map((o, index) => [o.key, index] as const))('%s: no 5xx, no hang, documented answers, nothing stored when refused', async (key, index) => {
    const operation = operations[index]!;
    const examples = [documentedRequests(world)[key], ...(issueReproductions(world)[key] ?? [])].filter((p) => p !== undefined).map((p) => [p] as [typeof p]);
    await fc.assert(fuzzProperty(context, requestArbitrary(operation, world, operationExamples(world)[key] ?? {}, components)), {
      seed: SEED + index, numRuns: RUNS * (RUNS_FACTOR[key] ?? 1), examples,
    });
  }, OPERATION_TIMEOUT_MS);

  it('reached past the first checks of every operation (each answered below 400 at least once)', () => {
    for (const operation of operations) {
      const statuses = [...(context.tally.statuses.get(operation.key)?.keys() ?? [])];
      expect(statuses.some((status) => status < 400), `${operation.key} answered only ${statuses.join(', ')}`).toBe(true);
    }
  });

  it('still meets every failure listed as known (remove the ones fixed from known-failures.ts)', () => {
    console.log(`API fuzz: ${context.tally.sent} requests; known failures met: ${[...context.tally.known.keys()].join(', ') || 'none'}`);
    for (const known of KNOWN_FAILURES) expect(context.tally.known.has(known.id), `"${known.words}" no longer occurs`).toBe(true);
  });
});
