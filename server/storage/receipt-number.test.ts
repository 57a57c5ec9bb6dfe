import { describe, expect, it } from 'vitest';
import { receiptNumber } from './receipt-number';

describe('receiptNumber', () => {
  it('pads the sequence to six digits', () => {
    expect(receiptNumber(new Date('2026-06-01T12:00:00Z'), 42)).toBe('XZ-2026-000042');
  });

  it('lets the sequence grow past six digits', () => {
    expect(receiptNumber(new Date('2026-06-01T12:00:00Z'), 1_234_567)).toBe('XZ-2026-1234567');
  });

  it("takes the year in Tashkent (UTC+5), so 31 Dec 19:00 UTC is already next year's", () => {
    expect(receiptNumber(new Date('2026-12-31T18:59:59Z'), 1)).toBe('XZ-2026-000001');
    expect(receiptNumber(new Date('2026-12-31T19:00:00Z'), 1)).toBe('XZ-2027-000001');
  });
});
