import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** One request exactly as it goes on the wire, and how it was made. */
export interface FuzzRequest {
  /** The operation of the OpenAPI document it is aimed at (Operation.key). */
  operation: string;
  method: string;
  /** Path and query as sent, percent-escapes and all. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** How it was made, in words: which values, which mutations, which spelling of the path. */
  notes: string[];
  /** Whether the router is meant to reach the operation (false for a changed method or a mangled path). */
  routed: boolean;
}

export type FuzzAnswer =
  | {
    kind: 'answer'; status: number; headers: IncomingHttpHeaders; body: Buffer; decodeError?: string;
    /** Why the body is incomplete: the server answered before reading all of a large request body, closed, and the close reset the connection. */
    cutShort?: string;
  }
  | { kind: 'timeout' }
  | { kind: 'no-answer'; error: string };

/** How much of a body a failure report shows. */
const SHOWN_BODY_BYTES = 300;
/**
 * A fresh connection for every request: a kept-alive one the server closed after an early answer
 * (413 before the body was read) would fail the next request with "socket hang up", which would
 * then look like a server that did not answer.
 */
const agent = new Agent({ keepAlive: false });

/** Sends one request over real HTTP; an answer not complete within `timeoutMs` is a timeout. */
export function sendRequest(origin: string, request: FuzzRequest, timeoutMs: number): Promise<FuzzAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: FuzzAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const headers = { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) };
    // Host and path apart, not one URL: a URL would be normalised (dot segments resolved) before it is sent.
    const { hostname, port } = new URL(origin);
    let whole: (() => FuzzAnswer | null) = () => null;
    const req = httpRequest({ hostname, port, path: request.path, method: request.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      const answer = () => decoded(res.statusCode ?? 0, res.headers, Buffer.concat(chunks));
      // A server that answers before it has read a large body, then closes, resets the connection
      // (TCP does so when unread bytes remain), and the client may lose the end of the answer.
      whole = () => {
        if (res.headers['content-length'] !== undefined && Buffer.concat(chunks).length >= Number(res.headers['content-length'])) return answer();
        return request.body ? { ...answer(), cutShort: 'the connection was reset while the request body was still being sent' } : null;
      };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle(answer()));
      res.on('error', (error) => settle(whole() ?? { kind: 'no-answer', error: `the answer was cut short: ${error.message}` }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      settle({ kind: 'timeout' });
    }, timeoutMs);
    req.on('error', (error) => settle(whole() ?? { kind: 'no-answer', error: error.message }));
    req.end(request.body);
  });
}

/** The answer with its body decompressed as its Content-Encoding says. */
function decoded(status: number, headers: IncomingHttpHeaders, raw: Buffer): FuzzAnswer {
  const encoding = String(headers['content-encoding'] ?? 'identity').toLowerCase();
  try {
    const body = raw.length === 0 ? raw
      : encoding === 'br' ? brotliDecompressSync(raw)
        : encoding === 'gzip' ? gunzipSync(raw)
          : encoding === 'deflate' ? inflateSync(raw)
            : raw;
    return { kind: 'answer', status, headers, body };
  } catch (error) {
    return { kind: 'answer', status, headers, body: raw, decodeError: `${encoding}: ${(error as Error).message}` };
  }
}

/** The request as a failure report shows it, enough to send it again by hand. */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body
    ? `${request.body.length} bytes: ${JSON.stringify(Buffer.from(request.body.subarray(0, SHOWN_BODY_BYTES)).toString('latin1'))}${request.body.length > SHOWN_BODY_BYTES ? '…' : ''}`
    : 'none';
  return [
    `${request.method} ${request.path.length > SHOWN_BODY_BYTES ? `${request.path.slice(0, SHOWN_BODY_BYTES)}…` : request.path}`,
    ...Object.entries(request.headers).map(([name, value]) => `  ${name}: ${value.length > SHOWN_BODY_BYTES ? `${value.slice(0, SHOWN_BODY_BYTES)}…` : value}`),
    `  body: ${body}`,
    `  made as: ${request.notes.join('; ') || 'as documented'}`,
  ].join('\n');
}

/** Closes any connection still open so the server can stop at once. */
export function closeConnections(): void {
  agent.destroy();
}
