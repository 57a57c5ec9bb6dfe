// A round-robin HTTP balancer for bench/load.ts, standing in for the load balancer in front of
// several server instances: node --import tsx bench/load-balancer.ts <port> <upstream origin>...
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** Kept-alive sockets to each instance: enough for every simulated phone in flight at once. */
const UPSTREAM_SOCKETS = 256;

/** Forwards each request to the next upstream in turn; answers 502 when that one cannot be reached. */
function startBalancer(port: number, upstreams: string[]): Promise<http.Server> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: UPSTREAM_SOCKETS });
  const targets = upstreams.map((origin) => new URL(origin));
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = targets[next++ % targets.length]!;
    const upstream = http.request({
      host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent,
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, ...upstreams] = process.argv.slice(2);
  await startBalancer(Number(port), upstreams);
  console.log(`balancing on ${port} over ${upstreams.join(', ')}`);
}
