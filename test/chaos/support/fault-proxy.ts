import { connect, createServer, type Server, type Socket } from 'node:net';

/** Faults the proxy applies to new connections; change them at any time. */
export interface LinkFaults {
  /** No connection at all: new ones are reset, open ones dropped. */
  down?: boolean;
  /** Added before each chunk is forwarded, each way, with ± jitter. */
  latencyMs?: number;
  jitterMs?: number;
  /** Forwarding speed each way, bytes per second. */
  bytesPerSecond?: number;
  /** Chance that a new connection is reset after its first request bytes arrive. */
  resetProbability?: number;
  /** Accept and read, but never answer: the client's timeout must fire. */
  blackhole?: boolean;
  /** Close the connection after this many bytes towards the phone (a truncated answer). */
  truncateDownAfter?: number;
  /** Close the connection after this many bytes towards the server (cut mid-request-body). */
  closeUpAfter?: number;
  /** Apply truncate/close faults to this many connections only, then heal. */
  faultyConnections?: number;
}

/** Mulberry32: a small seeded generator, so a failing run can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A TCP proxy on loopback between the browser and the real server that injects real network faults:
 * latency, bandwidth, resets, black holes, truncation. It counts the bytes each way.
 */
export class FaultProxy {
  faults: LinkFaults = {};
  bytesUp = 0;
  bytesDown = 0;
  /** Bytes from the phone that reached the proxy, forwarded or still held by latency. */
  arrivedUp = 0;
  connections = 0;
  /** Connections the proxy cut on purpose (reset, truncation, mid-body close). */
  cuts = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private faulted = 0;

  constructor(private readonly upstreamPort: number, private readonly random: () => number) {}

  async start(): Promise<string> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  set(faults: LinkFaults): void {
    this.faults = faults;
    this.faulted = 0;
    if (faults.down) for (const socket of this.sockets) socket.resetAndDestroy();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    const f = this.faults;
    this.connections++;
    if (f.down) { client.resetAndDestroy(); return; }
    this.track(client);
    client.on('error', () => client.destroy());
    if (f.blackhole) { client.resume(); return; }
    const limited = (f.truncateDownAfter !== undefined || f.closeUpAfter !== undefined)
      && (f.faultyConnections === undefined || this.faulted++ < f.faultyConnections);
    const reset = (f.resetProbability ?? 0) > 0 && this.random() < f.resetProbability!;
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    this.track(upstream);
    upstream.on('error', () => { upstream.destroy(); client.destroy(); });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    let up = 0;
    let down = 0;
    client.on('data', (chunk: Buffer) => { this.arrivedUp += chunk.length; });
    this.pump(client, upstream, (n) => {
      this.bytesUp += n;
      up += n;
      if (reset) { this.cuts++; client.resetAndDestroy(); upstream.destroy(); return false; }
      if (limited && f.closeUpAfter !== undefined && up >= f.closeUpAfter) { this.cuts++; upstream.destroy(); client.resetAndDestroy(); return false; }
      return true;
    }, limited ? f.closeUpAfter : undefined, () => up);
    this.pump(upstream, client, (n) => {
      this.bytesDown += n;
      down += n;
      if (limited && f.truncateDownAfter !== undefined && down >= f.truncateDownAfter) { this.cuts++; client.end(); upstream.destroy(); return false; }
      return true;
    }, limited ? f.truncateDownAfter : undefined, () => down);
  }

  /** Forwards chunks in order, paced by latency and bandwidth, cutting at a byte limit. */
  private pump(from: Socket, to: Socket, counted: (n: number) => boolean, limit: number | undefined, sent: () => number): void {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      from.pause();
      chain = chain.then(async () => {
        const f = this.faults;
        const jitter = (f.jitterMs ?? 0) * (this.random() * 2 - 1);
        const wait = Math.max(0, (f.latencyMs ?? 0) + jitter) + (f.bytesPerSecond ? (chunk.length / f.bytesPerSecond) * 1000 : 0);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const piece = limit !== undefined ? chunk.subarray(0, Math.max(0, limit - sent())) : chunk;
        if (to.destroyed) return;
        to.write(piece);
        if (counted(piece.length)) from.resume();
      });
    });
    from.on('end', () => { void chain.then(() => to.end()); });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
