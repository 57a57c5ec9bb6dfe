import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DEVICE_KEY_HEADER, isDeviceKey } from '../../src/contract/index';

/**
 * The hash of the phone's secret device key, or null when the request carries none (an older
 * app). Only the hash is stored: a leaked database does not let anyone ask as that phone.
 */
export function deviceHashOf(request: FastifyRequest): string | null {
  return deviceHashOfKey(request.headers[DEVICE_KEY_HEADER]);
}

/** The same hash, from the header's value as a handler outside Fastify reads it (the upload server). */
export function deviceHashOfKey(key: unknown): string | null {
  return isDeviceKey(key) ? createHash('sha256').update(key).digest('hex') : null;
}
