import fc from 'fast-check';
import { checkAnswer, type Finding } from './check-answer';
import { deepPlacesOf, type DeepPlace } from './deep-places';
import { describeRequest, sendRequest, type FuzzAnswer, type FuzzRequest } from './fuzz-request';
import type { FuzzWorld } from './fuzz-world';
import { knownFailureOf } from './known-failures';
import type { Operation } from './openapi-operations';
import type { RequestPlan } from './request-arbitrary';
import { bodyBytes, type BodyKeys } from './request-body';
import type { SchemaValidator } from './schema-validator';

/** Past this an answer counts as a hang: the slowest honest answer (a sign-in's scrypt, a 256 KB batch) takes well under a second. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** What a fuzz run saw, across operations. */
interface FuzzTally {
  /** Requests sent, "before" requests included. */
  sent: number;
  /** Answers by operation and status. */
  statuses: Map<string, Map<number, number>>;
  /** Each known failure met, with the first request that showed it. */
  known: Map<string, string>;
  /** How often each place deep behind the first checks was reached. */
  deep: Map<DeepPlace, number>;
}

export interface FuzzContext {
  world: FuzzWorld;
  operations: Operation[];
  keys: BodyKeys;
  validator: SchemaValidator;
  tally: FuzzTally;
}

/** What runPlan found, and the answer to the plan's own request (after any it builds on). */
export interface PlanRun {
  /** Reports of what is wrong that is not a known failure. */
  unknown: string[];
  answer: FuzzAnswer;
}

/**
 * Sends a plan (and the request it builds on), each from a source address of its own unless the
 * plan names one, and returns what is wrong that is not a known failure, as a report.
 */
export async function runPlan(context: FuzzContext, plan: RequestPlan, source?: string): Promise<PlanRun> {
  const unknown: string[] = [];
  let answer: FuzzAnswer = { kind: 'no-answer', error: 'nothing sent' };
  for (const step of plan.before ? [{ ...plan.before, routed: true }, plan] : [plan]) {
    const headers = throughProxy(step.headers, source ?? sourceAddress(context.tally.sent));
    const request: FuzzRequest = { ...step, headers, body: step.body ? await bodyBytes(step.body, context.keys) : undefined };
    const { operation, routed } = resolve(context.operations, step);
    const checked = { ...request, routed };
    const before = context.world.counts();
    answer = await sendRequest(context.world.origin, checked, REQUEST_TIMEOUT_MS);
    const after = context.world.counts();
    context.tally.sent++;
    if (answer.kind === 'answer') count(context.tally, operation.key, answer.status);
    for (const place of deepPlacesOf(operation.key, checked, answer)) context.tally.deep.set(place, (context.tally.deep.get(place) ?? 0) + 1);
    for (const finding of checkAnswer({ operation, operations: context.operations, request: checked, answer, before, after, revokedKey: context.world.revokedKey, validator: context.validator })) {
      const known = knownFailureOf(finding, checked);
      if (known) {
        if (!context.tally.known.has(known.id)) context.tally.known.set(known.id, report(finding, checked));
      } else {
        unknown.push(report(finding, checked));
      }
    }
  }
  return { unknown, answer };
}

/** The n-th address the fuzz sends from, as the balancer names it: 10.0.0.0/8 counted up. */
export function sourceAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** The headers as the trusted proxy passes them on: the client's address added to any X-Forwarded-For it sent. */
function throughProxy(headers: Record<string, string>, source: string): Record<string, string> {
  const sent = headers['x-forwarded-for'];
  return { ...headers, 'x-forwarded-for': sent === undefined ? source : `${sent}, ${source}` };
}

/** A property for fast-check: it holds when nothing but known failures was found. */
export function fuzzProperty(context: FuzzContext, requests: fc.Arbitrary<RequestPlan>) {
  return fc.asyncProperty(requests, async (plan) => {
    const { unknown } = await runPlan(context, plan);
    if (unknown.length > 0) throw new Error(`\n${unknown.join('\n\n')}`);
  });
}

/**
 * The operation a request reaches: its own, or, with another method, the operation the document
 * has for that method on the same path (HEAD reaches a GET; Fastify answers it without the body).
 * A request with a method no operation of its path has reaches none.
 */
function resolve(operations: Operation[], plan: RequestPlan): { operation: Operation; routed: boolean } {
  const own = operations.find((o) => o.key === plan.operation)!;
  if (plan.method === own.method) return { operation: own, routed: plan.routed };
  const other = operations.find((o) => o.template === own.template && (o.method === plan.method || (plan.method === 'HEAD' && o.method === 'GET')));
  return other ? { operation: other, routed: plan.routed } : { operation: own, routed: false };
}

function count(tally: FuzzTally, operation: string, status: number): void {
  const statuses = tally.statuses.get(operation) ?? new Map<number, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  tally.statuses.set(operation, statuses);
}

function report(finding: Finding, request: FuzzRequest): string {
  return `${finding.kind}: ${finding.detail}\n${describeRequest(request)}`;
}
