import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the real server whose link can be cut, as a lost tower cuts it: new
 * connections are reset and open ones dropped. Unlike Chromium's offline emulation it also
 * holds for a service worker that a restarted browser wakes before any test code can attach.
 */
export class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private cut = false;
  port = 0;
  /** Bytes that crossed the link each way, headers included: what a prepaid SIM pays for. */
  bytesDown = 0;
  bytesUp = 0;

  constructor(private readonly upstreamPort: number) {}

  async start(): Promise<string> {
    this.server = createServer((client) => {
      if (this.cut) { client.resetAndDestroy(); return; }
      const upstream = connect(this.upstreamPort, '127.0.0.1');
      for (const s of [client, upstream]) { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); s.on('error', () => s.destroy()); }
      client.on('data', (chunk: Buffer) => { this.bytesUp += chunk.length; });
      upstream.on('data', (chunk: Buffer) => { this.bytesDown += chunk.length; });
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return `http://127.0.0.1:${this.port}`;
  }

  cutLink(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  restoreLink(): void {
    this.cut = false;
  }

  async stop(): Promise<void> {
    this.cutLink();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
