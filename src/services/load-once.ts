// Main bundle: no imports.

/** A loader that starts `load` on its first call and hands every call the same promise. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}
