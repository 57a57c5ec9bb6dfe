import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { ERROR_CODES } from '../../src/contract/index';
import { errorBody } from './api-error';
import { NO_STORE } from './cache-control';
import { JSON_CONTENT_TYPE } from './json-document';
import { SECURITY_HEADERS } from './security-headers';

/**
 * Answers what Node's HTTP parser refuses before the app sees a request (a request line that is
 * not HTTP, headers over Node's 16 KB, a request that arrives too slowly) in the API's error
 * shape, with the security headers, then closes the connection, as Fastify's default handler
 * does in its own shape and without them.
 */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'The request took too long to arrive.']
    : error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'The request headers are too large.']
      : [400, 'The request is not well-formed HTTP.'];
  const body = JSON.stringify(errorBody(ERROR_CODES.badRequest, message));
  const headers = {
    ...SECURITY_HEADERS, 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': NO_STORE, Connection: 'close',
  };
  // An answer to HEAD has no body, or the client reads the body as the next answer.
  // (Fastify types rawPacket as a serialised Buffer; Node hands over the Buffer itself.)
  const packet: unknown = error.rawPacket;
  const head = Buffer.isBuffer(packet) && packet.subarray(0, 5).toString('latin1') === 'HEAD ';
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${head ? '' : body}`);
  }
  socket.destroy(error);
}
