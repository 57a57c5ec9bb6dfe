import { mkdirSync, writeFileSync } from 'node:fs';
import type { Figures } from './chaos-run';

/** One row per scenario of a spec file, printed and kept in test-results/chaos-summary-<name>.md. */
export function writeChaosSummary(name: string, figures: readonly Figures[]): void {
  const head = '| scenario | seed | attempted | delivered once | lost | duplicated | corrupted | needs action | photos delivered | drain p50 ms | drain p95 ms | bytes up per payload byte |';
  const rows = figures.map((f) => `| ${f.scenario} | ${f.seed} | ${f.attempted} | ${f.deliveredOnce} | ${f.lost} | ${f.duplicated} | ${f.corrupted} | ${f.needsAction} | ${f.photos ? `${f.photosDelivered}/${f.photos}` : '–'} | ${f.drainP50Ms} | ${f.drainP95Ms} | ${f.bytesPerPayloadByte} |`);
  const total = (k: 'attempted' | 'deliveredOnce' | 'lost' | 'duplicated' | 'corrupted' | 'needsAction') => figures.reduce((n, f) => n + f[k], 0);
  const summary = [head, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows,
    `| **all** | | ${total('attempted')} | ${total('deliveredOnce')} | ${total('lost')} | ${total('duplicated')} | ${total('corrupted')} | ${total('needsAction')} | | | | |`].join('\n');
  console.log(`\nchaos summary (${name})\n${summary}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync(`test-results/chaos-summary-${name}.md`, `${summary}\n`);
}
