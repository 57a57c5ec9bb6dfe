/** How many password checks run at once, and how many may wait for a turn. */
export interface PasswordCheckLimits {
  concurrent: number;
  queued: number;
}

/**
 * Two at a time: one scrypt check (N = 2^15) holds a libuv thread and 32 MiB for tens of ms,
 * and the pool has four threads that static files, zlib and DNS need too. Sixteen waiting is
 * about a second's work; past that a sign-in is refused at once rather than left hanging.
 */
export const DEFAULT_PASSWORD_CHECKS: PasswordCheckLimits = { concurrent: 2, queued: 16 };

/** Thrown when every slot and every place in the queue is taken. */
export class PasswordChecksBusy extends Error {
  constructor() {
    super('Too many password checks at once.');
  }
}

/** Runs password checks at most `concurrent` at a time, with at most `queued` waiting; the rest are refused. */
export function passwordCheckGate({ concurrent, queued }: PasswordCheckLimits) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(check: () => Promise<T>): Promise<T> {
      if (running < concurrent) running++;
      else if (waiting.length < queued) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw new PasswordChecksBusy();
      try {
        return await check();
      } finally {
        // The slot passes straight to the next in line, so `running` never drops while someone waits.
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
