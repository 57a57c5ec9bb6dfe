import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent, still compressed: fetch would decode them and hide the encoding. */
  body: Buffer;
}

/** A GET through node:http, so tests see exactly the bytes and headers on the wire, and the path exactly as written. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  // Host and path apart: a URL would have its dot segments (`/./`, `/../`) resolved before it is sent.
  const { origin, hostname, port } = new URL(url);
  const path = url.slice(origin.length) || '/';
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
