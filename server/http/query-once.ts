import { ERROR_CODES } from '../../src/contract/index';
import { HttpError } from './api-error';

/** A query parameter as Fastify parses it: a string, or a list when it is given more than once. */
export type QueryValue = string | string[] | undefined;

/**
 * The value of a query parameter given at most once; given twice it is a 400 bad_request, not a
 * list, so no route ever meets a list where it reads text. The API and the back office keep this one rule.
 */
export function queryOnce(value: QueryValue, name: string): string | undefined {
  if (Array.isArray(value)) throw new HttpError(400, ERROR_CODES.badRequest, `\`${name}\` must be given once.`);
  return value;
}
