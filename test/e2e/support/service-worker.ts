import type { CDPSession } from '@playwright/test';

/** The id of this origin's service worker registration, once DevTools has reported it. */
export function registrationOf(cdp: CDPSession, origin: string): Promise<string> {
  return new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', (({ registrations }: { registrations: { registrationId: string; scopeURL: string }[] }) => {
      const mine = registrations.find((r) => r.scopeURL.startsWith(origin));
      if (mine) resolve(mine.registrationId);
    }) as never);
    void cdp.send('ServiceWorker.enable');
  });
}
