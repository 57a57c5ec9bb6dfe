/**
 * Runs the tasks handed to it one after another, in the order they were handed; a task that fails
 * does not stop the ones after it.
 */
export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private unsettled = 0;

  /** Runs `task` once every task handed before it has settled; resolves or rejects as `task` does. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.unsettled++;
    const run = this.tail.then(task);
    const done = () => { this.unsettled--; };
    this.tail = run.then(done, done);
    return run;
  }

  /** Resolves when every task handed so far has settled, whether it succeeded or not. */
  settled(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /** Whether every task handed so far has settled. */
  get idle(): boolean {
    return this.unsettled === 0;
  }
}
