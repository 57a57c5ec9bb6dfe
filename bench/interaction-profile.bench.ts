// Where the time of two interactions goes on a throttled page: a search keystroke's round trip (T4)
// and finalising an application into the outbox (T6). A Chromium trace of each (timeline events and
// CPU samples on one clock), cut to the app's own User Timing measures, sorted into what the main
// thread did and which functions ran. Run: npm run build && npm run bench:profile. Writes its
// section of docs/benchmarks.md.
import { cpus } from 'node:os';
import { test, type Browser, type Page } from '@playwright/test';
import { BASE_URL, fillBirthCertificate, firstVisit, SUBMIT } from '../test/e2e/support/app';
import { replaceSection } from './support/replace-section';
import { median, percentile } from './support/write-results';

/** The CPU slowdowns profiled: the low-tier phone of DevTools, and about this machine's calibrated low-end phone. */
const CPU_RATES = [6, 12];
/** Applications finalised per rate: T6 is a p95. */
const ENQUEUE_RUNS = Number(process.env.BENCH_RUNS ?? 10);
/** Typed this many times (cleared in between) per rate: 27 keystrokes for T4's p95. */
const SEARCH_ROUNDS = 3;
const SEARCH_QUERY = 'guvohnoma';
/** A person's typing, as bench/budgets.ts types it. */
const KEY_DELAY_MS = 150;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'];

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; id?: string; id2?: { local?: string }; args?: Record<string, any> }
interface Window { name: string; start: number; end: number }
/** Where the main thread's time went inside the windows, in microseconds. */
interface Breakdown { total: number; tasks: Record<string, number>; functions: Record<string, number>; files: Record<string, number>; windows: number[] }

async function traced(browser: Browser, page: Page, action: () => Promise<void>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await action();
  const buffer = await browser.stopTracing();
  return (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** The renderer main thread: the thread of the page's CrRendererMain. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const named = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The page's renderer is the one that ran the app's measures.
  const measured = events.find((e) => e.name.startsWith('xizmat:'));
  return named.find((e) => e.pid === measured?.pid) ?? named[0]!;
}

/** The app's User Timing measures of `name` as windows (begin and end of the async pair). */
function measures(events: TraceEvent[], name: string): Window[] {
  const begins = new Map<string, number>();
  const windows: Window[] = [];
  for (const e of events.filter((x) => x.name === name)) {
    const key = e.id ?? e.id2?.local ?? '';
    if (e.ph === 'b') begins.set(key, e.ts);
    if (e.ph === 'e' && begins.has(key)) windows.push({ name, start: begins.get(key)!, end: e.ts });
  }
  return windows;
}

const overlap = (a0: number, a1: number, w: Window) => Math.max(0, Math.min(a1, w.end) - Math.max(a0, w.start));
/** What a task's top-level event says it was: script, style and layout, paint, GC, parsing. */
function kind(name: string): string {
  if (/^(FunctionCall|EvaluateScript|v8\.compile|v8\.run|TimerFire|FireIdleCallback|EventDispatch|RunMicrotasks|v8\.callFunction)$/.test(name)) return 'script';
  if (/^(UpdateLayoutTree|Layout|RecalculateStyles|InvalidateLayout|ScheduleStyleRecalculation|HitTest)$/.test(name)) return 'style and layout';
  if (/^(Paint|PaintImage|UpdateLayer|UpdateLayerTree|CompositeLayers|Layerize|PrePaint|Commit)$/.test(name)) return 'paint';
  if (/GC|Scavenge|MarkCompact|Sweep/.test(name)) return 'garbage collection';
  if (/^(ParseHTML|ParseAuthorStyleSheet)$/.test(name)) return 'parsing';
  return 'other';
}

/** Main-thread time inside the windows, by kind of work (nested events counted once, by their innermost kind) and by JS function (CPU samples). */
function breakdown(events: TraceEvent[], windows: Window[]): Breakdown {
  const { pid, tid } = mainThread(events);
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  const tasks: Record<string, number> = {};
  for (const task of mine.filter((e) => e.name === 'RunTask')) {
    for (const w of windows) {
      const inWindow = overlap(task.ts, task.ts + task.dur!, w);
      if (!inWindow) continue;
      // The task's time goes to the kinds of the events directly inside it; what none covers is "other".
      let covered = 0;
      for (const child of mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur! && e.name !== 'RunTask')) {
        const parent = mine.find((p) => p !== task && p !== child && p.name !== 'RunTask' && p.ts <= child.ts && p.ts + p.dur! >= child.ts + child.dur! && p.dur! > child.dur!);
        if (parent && kind(parent.name) !== 'other') continue;
        const t = overlap(child.ts, child.ts + child.dur!, w);
        if (!t) continue;
        tasks[kind(child.name)] = (tasks[kind(child.name)] ?? 0) + t;
        covered += t;
      }
      tasks.other = (tasks.other ?? 0) + Math.max(0, inWindow - covered);
    }
  }
  // CPU samples: the profile's chunks on this thread, each sample's time at its own timestamp.
  const functions: Record<string, number> = {};
  const files: Record<string, number> = {};
  const nodes = new Map<number, { functionName: string; url: string; lineNumber: number }>();
  let at = 0;
  // The renderer's other threads (the service worker, workers) profile too: only the chunks of this
  // thread's profile count (a Profile event on the thread names it; its chunks carry the same id).
  const profiles = new Set(events.filter((x) => x.pid === pid && x.tid === tid && x.name === 'Profile').map((x) => x.id));
  for (const e of events.filter((x) => x.pid === pid && profiles.has(x.id) && (x.name === 'Profile' || x.name === 'ProfileChunk'))) {
    if (e.name === 'Profile') { at = e.args?.data?.startTime ?? at; continue; }
    const data = e.args?.data ?? {};
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node.callFrame);
    const samples: number[] = data.cpuProfile?.samples ?? [];
    const deltas: number[] = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const previous = at;
      at += deltas[i] ?? 0;
      const frame = nodes.get(samples[i]!);
      if (!frame || !windows.some((w) => at >= w.start && at <= w.end)) continue;
      const file = frame.url ? frame.url.split('/').at(-1)!.replace(/-[\w-]{8}\.js$/, '.js') : '';
      const label = frame.functionName === '(idle)' || frame.functionName === '(program)' ? frame.functionName : `${frame.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
      functions[label] = (functions[label] ?? 0) + (at - previous);
      const where = file || (frame.functionName.startsWith('(') ? frame.functionName : 'the browser (native)');
      files[where] = (files[where] ?? 0) + (at - previous);
    }
  }
  return { total: windows.reduce((sum, w) => sum + (w.end - w.start), 0), tasks, functions, files, windows: windows.map((w) => w.end - w.start) };
}

const msOf = (us: number) => `${(us / 1000).toFixed(1)} ms`;
function describe(label: string, b: Breakdown): string {
  const share = (us: number) => `${msOf(us)} (${Math.round((100 * us) / Math.max(1, b.total))}%)`;
  const busy = Object.values(b.tasks).reduce((s, n) => s + n, 0);
  const tasks = Object.entries(b.tasks).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${share(n)}`).join(', ');
  const functions = Object.entries(b.functions).filter(([k]) => k !== '(idle)').sort((x, y) => y[1] - x[1]).slice(0, 8)
    .map(([k, n]) => `\`${k}\` ${msOf(n)}`).join(', ');
  const files = Object.entries(b.files).filter(([k]) => k !== '(idle)').sort((x, y) => y[1] - x[1]).slice(0, 6)
    .map(([k, n]) => `\`${k}\` ${msOf(n)}`).join(', ');
  return `- **${label}**: ${b.windows.length} windows, median ${msOf(median(b.windows))}, p95 ${msOf(percentile(b.windows, 95))}; `
    + `main thread busy ${share(busy)}, waiting (on the worker, the database or crypto) ${share(Math.max(0, b.total - busy))}. `
    + `Busy with: ${tasks || 'nothing'}. By script file (CPU samples): ${files || 'none sampled'}; heaviest functions: ${functions || 'none sampled'}.`;
}

test('where a search keystroke and finalising an application spend their time on a throttled page', async ({ browser }) => {
  const lines: string[] = [];
  for (const rate of CPU_RATES) {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'uz-UZ', serviceWorkers: 'allow' });
    const page = await context.newPage();
    await firstVisit(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });

    // Keys go in through CDP and nothing of Playwright's own runs in the page meanwhile: its locators
    // and assertions are script on the same throttled thread and would be counted as the app's.
    await page.locator('#service-search').focus();
    const searchTrace = await traced(browser, page, async () => {
      for (let round = 0; round < SEARCH_ROUNDS; round++) {
        await page.keyboard.type(SEARCH_QUERY, { delay: KEY_DELAY_MS });
        await page.waitForTimeout(1_000);
        for (let i = 0; i < SEARCH_QUERY.length; i++) await page.keyboard.press('Backspace', { delay: 20 });
        await page.waitForTimeout(500);
      }
    });
    // Only the keystrokes that type (a deleted box searches nothing).
    const search = breakdown(searchTrace, measures(searchTrace, 'xizmat:search'));
    const work = measures(searchTrace, 'xizmat:search-work').map((w) => w.end - w.start);
    console.log(`profile: search at ${rate}x traced`);
    lines.push(describe(`T4 search round trip at ${rate}x (worker's own search: median ${msOf(median(work))}, p95 ${msOf(percentile(work, 95))})`, search));

    const enqueue: Window[] = [];
    const all: TraceEvent[] = [];
    for (let i = 0; i < ENQUEUE_RUNS; i++) {
      await page.goto(`/services/birth-certificate-copy`);
      await fillBirthCertificate(page, `Karimova${'a'.repeat(i)}`);
      const submit = page.getByRole('button', { name: SUBMIT });
      await submit.scrollIntoViewIfNeeded();
      const box = (await submit.boundingBox())!;
      const before = await page.evaluate(() => performance.getEntriesByName('xizmat:enqueue').length);
      const events = await traced(browser, page, async () => {
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        // Checked once a second, so the check itself is not what is measured.
        await page.waitForFunction((n) => performance.getEntriesByName('xizmat:enqueue').length > n, before, { polling: 1_000, timeout: 60_000 });
        await page.waitForTimeout(500);
      });
      enqueue.push(...measures(events, 'xizmat:enqueue'));
      console.log(`profile: enqueue ${i + 1}/${ENQUEUE_RUNS} at ${rate}x traced`);
      all.push(...events);
    }
    lines.push(describe(`T6 enqueue → saved at ${rate}x`, breakdown(all, enqueue)));
    await context.close();
  }
  const section = `## Where interaction time goes (bench/interaction-profile.bench.ts)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:profile\` on this project's machine (${cpus().length} × ${cpus()[0]?.model.trim()}),
the built app after a first visit, CPU throttled by CDP. Each window is one of the app's own User
Timing measures (T4: \`xizmat:search\`, the keystroke's round trip to the search worker as the page sees
it; T6: \`xizmat:enqueue\`, validating, sealing and committing an application to the outbox), cut out
of a Chromium trace; main-thread time inside it is sorted by the kind of work of the trace's events and
by function from the CPU samples. "Waiting" is time the main thread was free while the measure ran.

${lines.join('\n')}`;
  replaceSection('interaction-profile', section);
  console.log(section);
});
