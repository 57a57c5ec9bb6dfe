import type { ApiError, ErrorBody, ErrorCode, FieldProblem } from '../../src/contract/index';

/** The one error shape of the API: clients branch on `code`, people read `message`. */
export function errorBody(code: ErrorCode, message: string, fields?: FieldProblem[]): ErrorBody {
  const error: ApiError = fields ? { code, message, fields } : { code, message };
  return { error };
}

/** A failure a route throws on purpose; the error handler turns it into its status and body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
