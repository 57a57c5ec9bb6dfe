import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, parseDeviceEvent } from '../../src/contract/index';
import { HttpError } from '../http/api-error';
import type { Storage } from '../storage/storage';

/** A small report is all this takes. */
export const DEVICE_EVENT_MAX_BYTES = 2 * 1024;

/** POST a phone's report, such as "my browser deleted the queue with N applications in it". */
export async function deviceRoutes(app: FastifyInstance, { storage }: { storage: Storage }) {
  app.post('/device-events', { bodyLimit: DEVICE_EVENT_MAX_BYTES }, async (request, reply) => {
    const event = parseDeviceEvent(request.body);
    if (!event) throw new HttpError(400, ERROR_CODES.invalidDeviceEvent, 'Expected { id, deviceId (UUIDv7), kind: "storage_evicted" or "storage_upgrade_failed", unsentBefore, detectedAt }.');
    await storage.recordDeviceEvent(event);
    request.log.warn({ deviceId: event.deviceId, unsentBefore: event.unsentBefore }, 'a phone reports its browser deleted its stored data');
    return reply.code(202).send({ id: event.id });
  });
}
