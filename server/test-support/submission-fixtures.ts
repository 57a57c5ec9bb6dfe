import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DEVICE_KEY_HEADER, type ItemResult, type SubmissionItem } from '../../src/contract/index';

/** A PINFL whose check digit is right (born 15 March 1988). */
export const VALID_PINFL = '31503881234567';
/** The same PINFL with a wrong check digit: a warning, never a refusal. */
export const PINFL_BAD_CHECK_DIGIT = '31503881234568';

export function newId(): string {
  return uuidv7();
}

/** An application to the fixture form that passes every check. */
export function validItem(overrides: Partial<SubmissionItem> = {}): SubmissionItem {
  return {
    id: newId(),
    serviceId: 'birth-certificate-copy',
    formVersion: 1,
    finalisedAt: '2026-03-01T09:30:00.000Z',
    answers: {
      pinfl: VALID_PINFL,
      fullName: 'Dilnoza Karimova',
      phone: '+998 90 123-45-67',
      birthDate: '1988-03-15',
      region: '1726',
      district: '1726294',
      reason: 'lost',
      consent: true,
    },
    ...overrides,
  };
}

export async function postJson(origin: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}/api/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A device key for tests that read an application back (GET /submissions/{id} answers only its phone). */
export const TEST_DEVICE_KEY = 'd'.repeat(64);

/** POSTs a batch and returns its per-item results, failing loudly on anything but 200. */
export async function submit(origin: string, items: SubmissionItem[], headers: Record<string, string> = { [DEVICE_KEY_HEADER]: TEST_DEVICE_KEY }): Promise<ItemResult[]> {
  const response = await postJson(origin, { items }, headers);
  if (response.status !== 200) throw new Error(`batch answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { results: ItemResult[] }).results;
}

/** Random bytes that begin as a JPEG does: what the server's magic-byte check lets through. */
export function jpegLikeBytes(size: number): Buffer<ArrayBuffer> {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}
