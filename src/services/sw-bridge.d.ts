/**
 * The only module that talks to the service worker. Registers it, and when a new version is
 * waiting tells the UI, which offers a reload; it never reloads on its own.
 */
export declare function registerServiceWorker(): void;
export declare function onUpdateReady(listener: () => void): () => void;
/**
 * Activates the waiting version and reloads once it controls the page. `beforeReload` lets the
 * caller finish writing a draft first.
 */
export declare function applyUpdate(beforeReload: () => Promise<void>): Promise<void>;
/** Asks the browser to wake the service worker when the network returns, even with the tab closed. */
export declare function requestBackgroundSync(): Promise<void>;
