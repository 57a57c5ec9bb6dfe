import type { Page } from '@playwright/test';

/** Every text the origin keeps: all IndexedDB databases, Cache Storage and localStorage. */
export async function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const text = (value: unknown) => JSON.stringify(value, (_k, v) => (v instanceof Blob || (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) ? '[binary]' : v));
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
        parts.push(`${info.name}.${store}: ${text(rows)}`);
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) parts.push(`${name} ${request.url}: ${await (await cache.match(request))!.text()}`);
    }
    for (let i = 0; i < localStorage.length; i++) parts.push(`localStorage ${localStorage.key(i)}: ${localStorage.getItem(localStorage.key(i)!)}`);
    return parts.join('\n');
  });
}

/** One row of the phone's outbox as IndexedDB holds it, whatever screen is shown (the lock screen too). */
export async function outboxRow(page: Page, id: string): Promise<{ state: string; problem: { code: string } | null } | undefined> {
  return page.evaluate((key) => new Promise((resolve) => {
    const request = indexedDB.open('xizmat');
    request.onsuccess = () => {
      const get = request.result.transaction('outbox').objectStore('outbox').get(key);
      get.onsuccess = () => { resolve(get.result); request.result.close(); };
    };
  }), id);
}
