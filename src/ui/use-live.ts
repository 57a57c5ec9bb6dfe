import { useEffect, useState } from 'preact/hooks';
import type { XizmatDb } from '../core/db/xizmat-db';

export type Query<T> = (db: XizmatDb) => Promise<T>;
type Watch = <T>(query: Query<T>, listener: (value: T) => void) => () => void;

/** A lazily loaded service module once it has arrived; null during the first paint. */
export function useLoaded<S>(load: () => Promise<S>): S | null {
  const [loaded, setLoaded] = useState<S | null>(null);
  useEffect(() => { void load().then((s) => setLoaded(() => s)); }, []);
  return loaded;
}

/**
 * Live result of a database query from a lazily loaded service module: re-renders whenever the
 * rows it read change, whoever changed them (this page, another tab, or the service worker).
 * `undefined` while loading, and again while a new query (new `deps`) is on its way.
 */
export function useLive<S, T>(load: () => Promise<S>, watchOf: (s: S) => Watch, pick: (s: S) => Query<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    setValue(undefined);
    void load().then((s) => {
      if (!cancelled) stop = watchOf(s)(pick(s), (v) => setValue(() => v));
    });
    return () => { cancelled = true; stop?.(); };
  }, deps);
  return value;
}
