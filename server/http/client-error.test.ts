import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { SECURITY_HEADERS } from './security-headers';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

/** Sends bytes as they are (no HTTP client would send these) and reads the answer until the server closes. */
function sendRaw(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => { answer += chunk.toString('utf8'); });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

describe('requests Node refuses before the app sees them', () => {
  it.each([
    ['a request target without its leading slash', 'GET %2Fapi/v1/catalogue HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['headers over 16 KB', `GET /api/v1/catalogue HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('answer %s in the API error shape, with the security headers', async (_case, bytes, status) => {
    const answer = await sendRaw(bytes);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(answer.headers[name.toLowerCase()], name).toBe(value);
  });

  it('answer a HEAD without a body, so the client does not read one as the next answer', async () => {
    const answer = await sendRaw('HEAD %2Fapi/v1/catalogue HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.body).toBe('');
  });
});
