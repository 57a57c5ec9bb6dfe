// The control's page: a form page that POSTs with fetch and leaves retries to the service worker.
import { v7 as uuidv7 } from 'uuid';
import { DEVICE_KEY_HEADER } from '../../../../src/contract/index';
import { compressPhoto } from '../../../../src/core/photos/compress-photo';
import { SUBMISSIONS_PATH, SYNC_CHANNEL, UPLOADS_PATH, type ControlApi, type SubmitOutcome, type SyncNote } from './control-api';

/** The birth-certificate form version with the photo field, as the app sends it (content/forms). */
const FORM_VERSION = 2;
/** This page's device key, as the app keeps one per phone: the server takes uploads only with it. */
const DEVICE_KEY = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');

const control: ControlApi = {
  async submit(serviceId, answers, photoSeed) {
    let photo: { sha256: string; bytes: number; outcome: SubmitOutcome } | undefined;
    const full: Record<string, string | boolean> = { ...answers };
    if (photoSeed !== null) {
      // The suite's document page, made as small as the app makes it: the comparison is about
      // sending, not compression.
      const blob = await compressPhoto(await documentPage(photoSeed));
      const sha256 = await sha256Hex(blob);
      // The whole file in one request (tus creation-with-upload): what Workbox can queue and replay.
      const outcome = await send(UPLOADS_PATH, blob, {
        'Tus-Resumable': '1.0.0', 'Upload-Length': String(blob.size), [DEVICE_KEY_HEADER]: DEVICE_KEY,
        'Upload-Metadata': `sha256 ${btoa(sha256)},filetype ${btoa('image/jpeg')}`, 'Content-Type': 'application/offset+octet-stream',
      });
      photo = { sha256, bytes: blob.size, outcome };
      full.documentPhoto = `sha256:${sha256}`;
    }
    // The same item the app sends (src/contract/submissions.ts), one per request.
    const item = { id: uuidv7(), serviceId, formVersion: FORM_VERSION, finalisedAt: new Date().toISOString(), answers: full };
    const outcome = await send(SUBMISSIONS_PATH, JSON.stringify({ items: [item] }), { 'Content-Type': 'application/json' });
    return { id: item.id, outcome, ...(photo ? { photo } : {}) };
  },
  syncs: { started: 0, ended: 0, failed: 0, mostAtOnce: 0 },
};

async function send(path: string, body: BodyInit, headers: Record<string, string>): Promise<SubmitOutcome> {
  try {
    const response = await fetch(path, { method: 'POST', headers, body });
    return response.ok ? 'sent' : `status ${response.status}`;
  } catch {
    // Workbox's BackgroundSyncPlugin queued the request before the fetch rejected here.
    return 'queued';
  }
}

/** The chaos suite's photo (test/chaos/support/chaos-run.ts): lines of "text", different per seed. */
async function documentPage(seed: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(1240, 1754);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fdfdf8';
  g.fillRect(0, 0, 1240, 1754);
  let x = seed * 7919 + 1;
  const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
  for (let y = 120; y < 1650; y += 34) {
    for (let c = 90; c < 1150; c += 10 + rnd() * 40) {
      g.fillStyle = `rgb(${30 + rnd() * 60},${30 + rnd() * 60},${40 + rnd() * 60})`;
      g.fillRect(c, y, 6 + rnd() * 30, 14 + rnd() * 6);
    }
  }
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

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
