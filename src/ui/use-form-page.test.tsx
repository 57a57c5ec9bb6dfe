import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceEntry, ServicePage } from '../contract/index';
import { SAMPLE_FORM, l } from '../contract/test-support/sample-form';
import { db } from '../services/app-db';
import { setPageSeed } from '../services/page-seed';
import { renderHook } from './test-support/render-hook';
import { useFormPage, type FormPageState } from './use-form-page';

const ID = SAMPLE_FORM.serviceId;
const SERVICE = {
  id: ID, category: 'family', name: l('Birth certificate'), aliases: [], formVersion: 1, formBytes: 900, featured: false,
} as unknown as ServiceEntry;
const PAGE: ServicePage = { service: SERVICE, form: SAMPLE_FORM };

/** The page's timers and 'online' event, driven by the test: a retry starts when the test says so. */
function fakeWindow() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  const online = new Set<() => void>();
  let next = 1;
  return {
    setTimeout: (run: () => void, ms: number) => { timers.set(next, { run, ms }); return next++; },
    clearTimeout: (id: number | undefined) => { if (id !== undefined) timers.delete(id); },
    addEventListener: (type: string, listener: () => void) => { if (type === 'online') online.add(listener); },
    removeEventListener: (type: string, listener: () => void) => { if (type === 'online') online.delete(listener); },
    pendingDelays: () => [...timers.values()].map((t) => t.ms),
    fireTimers: () => { const due = [...timers.values()]; timers.clear(); due.forEach((t) => t.run()); },
    goOnline: () => [...online].forEach((listener) => listener()),
  };
}

/** fetch answering from a script of responses, one per call: a status, or 'down' for no network. */
function fakeFetch(script: Array<number | 'down'>) {
  const calls: Array<{ url: string; signal: AbortSignal | undefined }> = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, signal: init?.signal ?? undefined });
    const answer = script.shift() ?? 'down';
    if (answer === 'down') throw new TypeError('Failed to fetch');
    return new Response(answer === 200 ? JSON.stringify(PAGE) : 'nope', { status: answer });
  });
  return { fetch, calls };
}

let win: ReturnType<typeof fakeWindow>;
let net: { onLine: boolean };

beforeEach(async () => {
  win = fakeWindow();
  net = { onLine: true };
  vi.stubGlobal('window', win);
  vi.stubGlobal('navigator', net);
  vi.stubGlobal('document', { getElementById: () => null });
  setPageSeed(null);
  await Promise.all(db.tables.map((table) => table.clear()));
});
afterEach(() => {
  vi.unstubAllGlobals();
  setPageSeed(null);
});

async function untilState(result: { current: { state: FormPageState } }, kind: FormPageState['kind'], extra?: (s: FormPageState) => boolean) {
  await vi.waitFor(() => {
    expect(result.current.state.kind).toBe(kind);
    if (extra) expect(extra(result.current.state)).toBe(true);
  });
  return result.current.state;
}

describe('useFormPage', () => {
  it('draws a server-rendered form page at once from its seed, keeps it on the phone and fetches nothing', async () => {
    const { fetch } = fakeFetch([]);
    vi.stubGlobal('fetch', fetch);
    setPageSeed({ path: `/services/${ID}`, locale: 'uz', ...PAGE });
    const { result } = renderHook(() => useFormPage(ID));
    expect(result.current.state).toEqual({ kind: 'ready', page: PAGE });
    await vi.waitFor(async () => expect(await db.forms.get([ID, 1])).toEqual(SAMPLE_FORM));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('opens a form already on the phone without the network', async () => {
    const { fetch } = fakeFetch([]);
    vi.stubGlobal('fetch', fetch);
    await db.catalogue.put(SERVICE);
    await db.forms.put(SAMPLE_FORM);
    const { result } = renderHook(() => useFormPage(ID));
    expect(await untilState(result, 'ready')).toEqual({ kind: 'ready', page: PAGE });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('downloads a form that is not on the phone, and keeps it there', async () => {
    const { fetch, calls } = fakeFetch([200]);
    vi.stubGlobal('fetch', fetch);
    const { result } = renderHook(() => useFormPage(ID));
    expect(await untilState(result, 'ready')).toEqual({ kind: 'ready', page: PAGE });
    expect(calls.map((c) => c.url)).toEqual([`/api/v1/services/${ID}`]);
    expect(await db.forms.get([ID, 1])).toEqual(SAMPLE_FORM);
  });

  it('says the service is missing when the server has no such service', async () => {
    vi.stubGlobal('fetch', fakeFetch([404]).fetch);
    const { result } = renderHook(() => useFormPage(ID));
    await untilState(result, 'missing');
  });

  it('retries failed downloads with a growing delay, then shows the form', async () => {
    const { fetch } = fakeFetch(['down', 503, 200]);
    vi.stubGlobal('fetch', fetch);
    const { result } = renderHook(() => useFormPage(ID));
    const first = await untilState(result, 'loading', (s) => s.kind === 'loading' && s.failures === 1);
    // The first retry comes within a second: a person is looking at the screen.
    expect(first.kind === 'loading' && first.retryInMs).toBeGreaterThanOrEqual(500);
    expect(first.kind === 'loading' && first.retryInMs).toBeLessThanOrEqual(1_000);
    expect(win.pendingDelays()).toEqual([first.kind === 'loading' ? first.retryInMs : -1]);
    expect(fetch).toHaveBeenCalledTimes(1);
    win.fireTimers();
    const second = await untilState(result, 'loading', (s) => s.kind === 'loading' && s.failures === 2 && s.retryInMs !== null);
    expect(second.kind === 'loading' && second.retryInMs).toBeGreaterThanOrEqual(1_000);
    expect(second.kind === 'loading' && second.retryInMs).toBeLessThanOrEqual(2_000);
    win.fireTimers();
    await untilState(result, 'ready');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('tries again at once when the person asks, without waiting for the timer', async () => {
    const { fetch } = fakeFetch(['down', 200]);
    vi.stubGlobal('fetch', fetch);
    const { result } = renderHook(() => useFormPage(ID));
    await untilState(result, 'loading', (s) => s.kind === 'loading' && s.failures === 1);
    result.current.retryNow();
    await untilState(result, 'ready');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('says offline, fetches nothing, and downloads as soon as the network returns', async () => {
    net.onLine = false;
    const { fetch } = fakeFetch([200]);
    vi.stubGlobal('fetch', fetch);
    const { result } = renderHook(() => useFormPage(ID));
    await untilState(result, 'offline');
    expect(fetch).not.toHaveBeenCalled();
    net.onLine = true;
    win.goOnline();
    await untilState(result, 'ready');
  });

  it('stops when the screen closes: the download in flight is aborted and nothing retries', async () => {
    let release!: () => void;
    const calls: Array<AbortSignal | undefined> = [];
    vi.stubGlobal('fetch', vi.fn((_url: string, init?: RequestInit) => {
      calls.push(init?.signal ?? undefined);
      return new Promise<Response>((_resolve, reject) => { release = () => reject(new TypeError('Failed to fetch')); });
    }));
    const { unmount } = renderHook(() => useFormPage(ID));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    unmount();
    expect(calls[0]?.aborted).toBe(true);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.pendingDelays()).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});
