// Loaded after first paint, as one chunk: the store, the status store and the database connection
// they share. Each keeps its own namespace; load-store.ts hands them out one by one.
export * as store from './store';
export * as statusStore from './status-store';
export * as appDb from './app-db';
