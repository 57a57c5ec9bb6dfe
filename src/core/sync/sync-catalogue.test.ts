import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT_DIR, startTestServer, type TestServer } from '../../../server/test-support/start-test-server';
import { testDb } from '../test-support/test-db';
import { bytesToDownload, downloadForms } from './fetch-forms';
import { fetchServicePage, storedServicePage } from './fetch-service-page';
import { CATALOGUE_VERSION, syncCatalogue } from './sync-catalogue';
import { syncContent } from './sync-content';

const dirs: string[] = [];
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Fixture content with the services named in `ids` (copies of the fixture's one), after `edit`. */
async function content(ids: string[], edit: (services: any[]) => void = () => undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-sync-'));
  dirs.push(dir);
  await cp(FIXTURE_CONTENT_DIR, dir, { recursive: true });
  const catalogue = JSON.parse(await readFile(join(dir, 'catalogue.json'), 'utf8'));
  const form = JSON.parse(await readFile(join(dir, 'forms/birth-certificate-copy.v1.json'), 'utf8'));
  const template = catalogue.services[0];
  catalogue.services = ids.map((id) => ({ ...structuredClone(template), id, featured: id === 'birth-certificate-copy' }));
  for (const id of ids) await writeFile(join(dir, `forms/${id}.v1.json`), JSON.stringify({ ...form, serviceId: id }));
  edit(catalogue.services);
  await writeFile(join(dir, 'catalogue.json'), JSON.stringify(catalogue));
  return dir;
}

async function deploy(dir: string): Promise<void> {
  const dataDir = server?.dataDir;
  await server?.close({ keepData: true });
  server = await startTestServer(dataDir ? { dataDir, contentDir: dir } : { contentDir: dir });
}

/** fetch against the test server that records every request the device makes. */
function recordingFetch() {
  const requests: Array<{ url: string; status: number }> = [];
  const doFetch: typeof fetch = async (input, init) => {
    const response = await fetch(`${server!.origin}${String(input)}`, init);
    requests.push({ url: String(input), status: response.status });
    return response;
  };
  return { doFetch, requests };
}

const ids = async (db: ReturnType<typeof testDb>) => (await db.catalogue.toArray()).map((s) => s.id).sort();

describe('catalogue delta sync', () => {
  it.each([
    ['added', ['a-service', 'b-service'], ['a-service', 'b-service', 'c-service'], (s: any[]) => s, ['a-service', 'b-service', 'c-service']],
    ['removed', ['a-service', 'b-service'], ['a-service'], (s: any[]) => s, ['a-service']],
    ['changed', ['a-service', 'b-service'], ['a-service', 'b-service'], (s: any[]) => { s[1].fee.en = 'New fee'; }, ['a-service', 'b-service']],
  ])('after a service is %s, one request brings the device to the new version', async (_what, before, after, edit, expected) => {
    const db = testDb();
    const { doFetch, requests } = recordingFetch();
    await deploy(await content(before));
    expect(await syncCatalogue(db, doFetch)).toBe('replaced');
    await deploy(await content(after, edit));
    expect(await syncCatalogue(db, doFetch)).toBe('updated');
    expect(await ids(db)).toEqual(expected);
    expect((await db.meta.get(CATALOGUE_VERSION))?.value).toBe(2);
    expect(requests.at(-1)?.url).toMatch(/\/catalogue\/changes\?since=1&epoch=/);
    if (_what === 'changed') expect((await db.catalogue.get('b-service'))?.fee.en).toBe('New fee');
  });

  it('costs a 304 when nothing changed, and catches up across several versions in one request', async () => {
    const db = testDb();
    const { doFetch, requests } = recordingFetch();
    await deploy(await content(['a-service']));
    await syncCatalogue(db, doFetch);
    expect(await syncCatalogue(db, doFetch)).toBe('unchanged');
    expect(requests.at(-1)?.status).toBe(304);
    // Months offline: three deploys happen.
    await deploy(await content(['a-service', 'b-service']));
    await deploy(await content(['b-service']));
    await deploy(await content(['b-service', 'c-service'], (s) => { s[0].term.uz = 'Yangi'; }));
    const before = requests.length;
    expect(await syncCatalogue(db, doFetch)).toBe('updated');
    expect(requests.length).toBe(before + 1);
    expect(await ids(db)).toEqual(['b-service', 'c-service']);
    expect((await db.catalogue.get('b-service'))?.term.uz).toBe('Yangi');
  });

  it('starts again from scratch when the server has a new epoch', async () => {
    const db = testDb();
    const { doFetch } = recordingFetch();
    await deploy(await content(['a-service', 'b-service']));
    await syncCatalogue(db, doFetch);
    await server!.close();
    server = null;
    await deploy(await content(['c-service'])); // a fresh database: version 1 of another epoch
    expect(await syncCatalogue(db, doFetch)).toBe('replaced');
    expect(await ids(db)).toEqual(['c-service']);
  });
});

describe('forms on the device', () => {
  it('come with the first sync only for featured services; others on first open', async () => {
    const db = testDb();
    const { doFetch } = recordingFetch();
    await deploy(await content(['birth-certificate-copy', 'b-service']));
    await syncContent(db, { fetch: doFetch });
    expect(await db.forms.get(['birth-certificate-copy', 1])).toBeDefined();
    expect(await db.forms.get(['b-service', 1])).toBeUndefined();
    expect((await fetchServicePage(db, 'b-service', { fetch: doFetch }))?.form.serviceId).toBe('b-service');
    expect(await db.forms.get(['b-service', 1])).toBeDefined();
    expect(await fetchServicePage(db, 'no-such-service', { fetch: doFetch })).toBeNull();
  });

  it('come by link on a phone that has no catalogue yet: the service and its form are kept, and the first catalogue sync replaces the lone entry', async () => {
    const db = testDb();
    const { doFetch } = recordingFetch();
    await deploy(await content(['birth-certificate-copy', 'b-service']));
    expect(await storedServicePage(db, 'b-service')).toBeNull();
    await fetchServicePage(db, 'b-service', { fetch: doFetch });
    expect((await storedServicePage(db, 'b-service'))?.service.id).toBe('b-service');
    expect(await db.catalogue.count()).toBe(1);
    await syncContent(db, { fetch: doFetch });
    expect((await db.catalogue.toArray()).map((s) => s.id).sort()).toEqual(['b-service', 'birth-certificate-copy']);
    expect((await storedServicePage(db, 'b-service'))?.form.serviceId).toBe('b-service');
  });

  it('refuse an answer that is not the service asked for (a captive portal page), keeping nothing', async () => {
    const db = testDb();
    const portal: typeof fetch = async () => new Response('<html>Wi-Fi login</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    await expect(fetchServicePage(db, 'b-service', { fetch: portal })).rejects.toThrow();
    const wrong: typeof fetch = async () => Response.json({ service: { id: 'other', formVersion: 1 }, form: { serviceId: 'other', version: 1 } });
    await expect(fetchServicePage(db, 'b-service', { fetch: wrong })).rejects.toThrow(/not a service page/);
    await expect(fetchServicePage(db, 'b-service', { fetch: async () => new Response('', { status: 503 }) })).rejects.toThrow(/503/);
    expect(await db.forms.count()).toBe(0);
  });

  it('download for offline work in batches, with the size known first and progress after each batch', async () => {
    const db = testDb();
    const { doFetch, requests } = recordingFetch();
    const many = Array.from({ length: 25 }, (_, i) => `service-${i}`);
    await deploy(await content(many));
    await syncCatalogue(db, doFetch);
    const services = await db.catalogue.toArray();
    const size = await bytesToDownload(db, services);
    expect(size).toBe(services.reduce((s, x) => s + x.formBytes, 0));
    const seen: number[] = [];
    const before = requests.length;
    const result = await downloadForms(db, services, { fetch: doFetch, onProgress: (p) => seen.push(p.done) });
    expect(requests.length - before).toBe(2);
    expect(seen).toEqual([0, 20, 25]);
    expect(result).toMatchObject({ done: 25, total: 25, bytesDone: size, bytesTotal: size });
    expect(await bytesToDownload(db, services)).toBe(0);
  });
});
