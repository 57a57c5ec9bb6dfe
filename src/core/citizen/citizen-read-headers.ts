import { CITIZEN_HEADER, citizenReadHeader } from '../../contract/index';
import type { CitizenRecord } from '../db/records';

/**
 * The header of a signed read of `path` (no query string: the server checks the path it routes)
 * by the signed-in citizen, made at `at` (unix ms); empty without one, so callers spread it.
 */
export async function citizenReadHeaders(
  citizen: Pick<CitizenRecord, 'keyId' | 'privateKey'> | null, method: string, path: string, at: number,
): Promise<Record<string, string>> {
  if (!citizen) return {};
  return { [CITIZEN_HEADER]: await citizenReadHeader(citizen.privateKey, citizen.keyId, at, method, path) };
}
