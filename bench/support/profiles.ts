// The test profiles of docs/performance.md as CDP settings, and its CPU calibration.
import type { Browser } from '@playwright/test';

export interface Profile {
  id: 'P0' | 'P1' | 'P2' | 'P3' | 'FC';
  label: string;
  /** CDP Network.emulateNetworkConditions; null: no network emulation (P3 is offline instead). */
  network: { latency: number; downloadThroughput: number; uploadThroughput: number } | null;
  cpu: number;
}

/** kbit/s to CDP's bytes per second, as Lighthouse converts them (1 kbit = 1,024 bits). */
const kbps = (n: number) => (n * 1024) / 8;
/** The phone class P1 to P3 emulate: Lighthouse's low-end band is below 125, mid-tier 125 to 800. */
const LOW_END_BENCHMARK_INDEX = 200;
/** Never throttle less than DevTools' "low-tier mobile" for P1 to P3. */
const MIN_LOW_END_SLOWDOWN = 6;

export function profiles(lowEndSlowdown: number): Profile[] {
  return [
    // Lighthouse's default mobile (Slow 4G) in its devtools form: 150 ms × 3.75, 1.6 Mbit/s × 0.9, CPU 4x.
    { id: 'P0', label: 'LH-mobile: 562.5 ms, 1,475/675 kbit/s, CPU 4x', network: { latency: 562.5, downloadThroughput: kbps(1474.56), uploadThroughput: kbps(675) }, cpu: 4 },
    { id: 'P1', label: `Rural-3G: 2,000 ms, 400/400 kbit/s, CPU ${lowEndSlowdown}x`, network: { latency: 2000, downloadThroughput: kbps(400), uploadThroughput: kbps(400) }, cpu: lowEndSlowdown },
    { id: 'P2', label: `2G stress: 3,000 ms, 280/256 kbit/s, CPU ${lowEndSlowdown}x`, network: { latency: 3000, downloadThroughput: kbps(280), uploadThroughput: kbps(256) }, cpu: lowEndSlowdown },
    { id: 'P3', label: `Repeat visit offline, CPU ${lowEndSlowdown}x`, network: null, cpu: lowEndSlowdown },
  ];
}

/**
 * The first-contact profile: a form link opened on a rural 3G link, as the peer (Enketo) was measured
 * (docs/performance.md, "The peer"): 400 ms per request, 400 kbit/s each way, a mid-tier phone's CPU (4x).
 */
export const FIRST_CONTACT: Profile = {
  id: 'FC', label: 'First contact: 400 ms, 400/400 kbit/s, CPU 4x',
  network: { latency: 400, downloadThroughput: kbps(400), uploadThroughput: kbps(400) }, cpu: 4,
};

/**
 * Lighthouse's benchmarkIndex (computeBenchmarkIndex in lighthouse core/lib/page-functions.js,
 * Apache-2.0), run in an unthrottled page so no 150 MB Lighthouse install is needed. A string, so
 * the bundler's helpers never reach the page.
 */
const BENCHMARK_INDEX_JS = `(() => {
  function benchmarkIndexGC() {
    const start = Date.now();
    let iterations = 0;
    while (Date.now() - start < 500) {
      let s = '';
      for (let j = 0; j < 10000; j++) s += 'a';
      if (s.length === 1) throw new Error('will never happen, but prevents compiler optimizations');
      iterations++;
    }
    return Math.round(iterations / 10 / ((Date.now() - start) / 1000));
  }
  function benchmarkIndexNoGC() {
    const arrA = [];
    const arrB = [];
    for (let i = 0; i < 100000; i++) arrA[i] = arrB[i] = i;
    const start = Date.now();
    let iterations = 0;
    while (iterations % 10 !== 0 || Date.now() - start < 500) {
      const src = iterations % 2 === 0 ? arrA : arrB;
      const tgt = iterations % 2 === 0 ? arrB : arrA;
      for (let j = 0; j < src.length; j++) tgt[j] = src[j];
      iterations++;
    }
    return Math.round(iterations / 10 / ((Date.now() - start) / 1000));
  }
  return (benchmarkIndexGC() + benchmarkIndexNoGC()) / 2;
})()`;

/** This machine's benchmarkIndex (median of 3) and the slowdown that makes it a low-end phone (docs/performance.md, "CPU calibration"). */
export async function calibrate(browser: Browser): Promise<{ benchmarkIndex: number; slowdown: number }> {
  const page = await browser.newPage();
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await page.evaluate(BENCHMARK_INDEX_JS)) as number);
  await page.close();
  const benchmarkIndex = runs.sort((a, b) => a - b)[1]!;
  return { benchmarkIndex, slowdown: Math.max(MIN_LOW_END_SLOWDOWN, Math.round(benchmarkIndex / LOW_END_BENCHMARK_INDEX)) };
}
