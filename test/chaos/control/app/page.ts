// The control's page: a form page that POSTs with fetch and leaves retries to the service worker.
import { v7 as uuidv7 } from 'uuid';
import { SYNC_CHANNEL, type ControlApi, type SyncNote } from './control-api';

const SUBMISSIONS_URL = '/api/v1/submissions';

const control: ControlApi = {
  async submit(serviceId, answers) {
    // The same item the app sends (src/contract/submissions.ts), one per request.
    const item = { id: uuidv7(), serviceId, formVersion: 1, finalisedAt: new Date().toISOString(), answers };
    try {
      const response = await fetch(SUBMISSIONS_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items: [item] }),
      });
      return { id: item.id, outcome: response.ok ? 'sent' : `status ${response.status}` };
    } catch {
      // Workbox's BackgroundSyncPlugin queued the request before the fetch rejected here.
      return { id: item.id, outcome: 'queued' };
    }
  },
  syncs: { started: 0, ended: 0, failed: 0, mostAtOnce: 0 },
};

new BroadcastChannel(SYNC_CHANNEL).onmessage = (event: MessageEvent<SyncNote>) => {
  if (event.data.type === 'sync-start') {
    control.syncs.started++;
    control.syncs.mostAtOnce = Math.max(control.syncs.mostAtOnce, control.syncs.started - control.syncs.ended);
  } else {
    control.syncs.ended++;
    if (!event.data.ok) control.syncs.failed++;
  }
};

(window as unknown as { control: ControlApi }).control = control;
void navigator.serviceWorker.register('/sw.js');
