import type { FuzzAnswer, FuzzRequest } from './fuzz-request';
import { resultsOf, sentItems } from './check-answer';

/** Code behind the first checks that the fuzz must reach in every run, or its requests prove little there. */
export const DEEP_PLACES = [
  'a readable on-behalf application stored with its proof',
  'a sealed on-behalf application stored with its proof',
  'answers refused and sent back sealed (422 reopenSealed)',
  'a returned application\'s answers sent back sealed (statuses reopenSealed)',
] as const;
export type DeepPlace = (typeof DEEP_PLACES)[number];

/** Which of the deep places this answer shows the request reached. */
export function deepPlacesOf(operation: string, request: FuzzRequest & { routed: boolean }, answer: FuzzAnswer): DeepPlace[] {
  if (answer.kind !== 'answer' || answer.status !== 200 || !request.routed) return [];
  const body = answer.body.toString('utf8');
  if (operation === 'GET /api/v1/statuses' && request.method === 'GET') {
    return body.includes('"reopenSealed"') ? ['a returned application\'s answers sent back sealed (statuses reopenSealed)'] : [];
  }
  if (operation !== 'POST /api/v1/submissions' || request.method !== 'POST') return [];
  const items = sentItems(request) ?? [];
  return (resultsOf(body) ?? []).flatMap((result, i): DeepPlace[] => {
    const item = items[i] as Record<string, unknown> | null | undefined;
    const error = (result as { error?: { reopenSealed?: unknown } }).error;
    if (error?.reopenSealed !== undefined) return ['answers refused and sent back sealed (422 reopenSealed)'];
    if (result.status !== 201 || typeof item !== 'object' || item === null || item.delegation === undefined) return [];
    if ('sealed' in item) return ['a sealed on-behalf application stored with its proof'];
    return 'onBehalf' in item ? ['a readable on-behalf application stored with its proof'] : [];
  });
}
