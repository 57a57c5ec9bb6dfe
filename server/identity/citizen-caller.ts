import type { FastifyRequest } from 'fastify';
import { CITIZEN_HEADER, ERROR_CODES, parseCitizenRead, verifyCitizenRead } from '../../src/contract/index';
import { HttpError } from '../http/api-error';
import type { CitizenKeyRecord, CitizenStorage } from '../storage/citizen-storage';

/**
 * The signed-in citizen a request comes from, by its signed read (src/contract/citizen.ts), or null
 * when it carries none. A read is taken only with the device key of the phone the key was bound
 * to, within minutes of its time, for this very method and path, by a key still live: a copied
 * device key alone reads nothing of the citizen, nor a captured header on another phone.
 */
export async function citizenCaller(
  request: FastifyRequest, deviceHash: string | null, citizens: Pick<CitizenStorage, 'findKey'>, now: Date,
): Promise<CitizenKeyRecord | null> {
  const header = request.headers[CITIZEN_HEADER];
  if (header === undefined) return null;
  const read = parseCitizenRead(header);
  const invalid = () => new HttpError(403, ERROR_CODES.identityInvalid, 'The citizen\'s signature on this request does not verify; sign in again.');
  if (!read || !deviceHash) throw invalid();
  const found = await citizens.findKey(read.keyId);
  if (!found || found.key.deviceHash !== deviceHash) throw invalid();
  if (!(await verifyCitizenRead(read, request.method, requestPath(request), found.key.publicKey, now.getTime()))) throw invalid();
  if (!found.live) throw new HttpError(403, ERROR_CODES.identityRevoked, 'This phone\'s sign-in has ended; sign in again.');
  return found.key;
}

/** The path as the phone signed it: without the query, percent-escapes undone. */
function requestPath(request: FastifyRequest): string {
  const path = request.url.split('?')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
