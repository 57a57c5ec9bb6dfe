import { describe, expect, it } from 'vitest';
import { TaskQueue } from './task-queue';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('TaskQueue', () => {
  it('starts a task only after the one handed before it has settled', async () => {
    const queue = new TaskQueue();
    const first = deferred();
    const started: string[] = [];
    void queue.run(async () => { started.push('first'); await first.promise; });
    void queue.run(async () => { started.push('second'); });
    await tick();
    expect(started).toEqual(['first']);
    first.resolve();
    await tick();
    expect(started).toEqual(['first', 'second']);
  });

  it('runs the next task after one that failed, and hands each caller its own outcome', async () => {
    const queue = new TaskQueue();
    const failed = queue.run(() => Promise.reject(new Error('disk full')));
    const next = queue.run(async () => 'saved');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('saved');
  });

  it('settles once everything handed so far has, and is idle only then', async () => {
    const queue = new TaskQueue();
    expect(queue.idle).toBe(true);
    const write = deferred();
    void queue.run(() => write.promise).catch(() => undefined);
    let settled = false;
    void queue.settled().then(() => { settled = true; });
    await tick();
    expect(settled).toBe(false);
    expect(queue.idle).toBe(false);
    write.reject(new Error('quota'));
    await tick();
    expect(settled).toBe(true);
    expect(queue.idle).toBe(true);
  });
});
