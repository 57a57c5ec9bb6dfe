import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../test-support/raw-get';
import { startTestServer, type TestServer } from '../test-support/start-test-server';
import { SECURITY_HEADERS } from './security-headers';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

describe('refusals Fastify makes before any route is looked up', () => {
  it.each([
    ['a path whose escapes do not decode', '/api/v1/submissions/%ZZ', 400],
    ['a path parameter longer than the router takes', `/api/v1/submissions/${'a'.repeat(101)}`, 414],
  ])('answer %s in the API error shape, with the security headers and no-store', async (_case, path, status) => {
    const response = await rawGet(`${server.origin}${path}`);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers[name.toLowerCase()], name).toBe(value);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
