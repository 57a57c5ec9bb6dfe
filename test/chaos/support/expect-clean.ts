import { expect } from '@playwright/test';
import type { ChaosRun, Figures } from './chaos-run';

/** The run's figures, failing on any lost, duplicated or corrupted application or photo, or fewer delivered once than expected. */
export async function expectClean(r: ChaosRun, expected: { deliveredOnce?: number; needsAction?: number } = {}): Promise<Figures> {
  const f = await r.figures();
  expect({ lost: f.lost, duplicated: f.duplicated, corrupted: f.corrupted }, `seed ${r.seed}`).toEqual({ lost: 0, duplicated: 0, corrupted: 0 });
  expect(f.deliveredOnce, `seed ${r.seed}`).toBe(expected.deliveredOnce ?? r.ledger.length);
  expect(f.needsAction, `seed ${r.seed}`).toBe(expected.needsAction ?? 0);
  expect({ photos: f.photosDelivered, photosLostOrCorrupted: f.photosLostOrCorrupted }, `seed ${r.seed}`).toEqual({ photos: f.photos, photosLostOrCorrupted: 0 });
  return f;
}
