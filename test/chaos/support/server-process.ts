import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starting the server loads and checks the content; a cold tsx start takes a few seconds. */
const START_TIMEOUT_MS = 30_000;

/**
 * Another instance of the real server, as a process of its own: its own port (picked by the OS
 * unless XIZMAT_CONTROL_PORT is set; kept across restarts), its own empty database, the app given
 * as its static files, and the test-mode fault hooks on. The control runs against one; crash
 * scenarios kill one with SIGKILL and start it again on the same port and data.
 */
export class ServerProcess {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'xizmat-control-data-'));
  port = 0;
  private child: ChildProcess | null = null;

  constructor(private readonly distDir: string) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env, PORT: this.port ? String(this.port) : process.env.XIZMAT_CONTROL_PORT ?? '0', HOST: '127.0.0.1', DATA_DIR: this.dataDir,
        DIST_DIR: this.distDir, CONTENT_DIR: 'content', XIZMAT_TEST_FAULTS: '1', LOG_LEVEL: 'info',
        // Vite's build() sets NODE_ENV=production in this process, and that turns the fault hooks off.
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let log = '';
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), START_TIMEOUT_MS);
      const read = (chunk: Buffer) => {
        log += chunk.toString();
        // Fastify logs "Xizmat listening on http://127.0.0.1:<port> (...)" once it accepts connections.
        const found = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
        if (!found) return;
        clearTimeout(timer);
        child.stdout!.off('data', read);
        child.stderr!.off('data', read);
        resolve(Number(found[1]));
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${log}`)); });
    });
    // Keep draining its output so the server never blocks on a full pipe.
    child.stdout!.resume();
    child.stderr!.resume();
  }

  /** SIGKILL, as a power cut or the OOM killer would: no request finishes, nothing is flushed but what was committed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    await exited;
  }
}
