import { describe, expect, it } from 'vitest';
import { isGuessablePin } from './guessable-pin';

const NOW = new Date('2026-12-04T12:00:00Z');

describe('isGuessablePin', () => {
  it('refuses one digit repeated, runs up or down (also across 9 to 0), and short patterns repeated', () => {
    for (const pin of ['111111', '000000', '123456', '654321', '012345', '890123', '210987', '121212', '123123', '909090']) {
      expect(isGuessablePin(pin, NOW), pin).toBe(true);
    }
  });

  it('refuses a year of birth at either end, from 1930 to this year', () => {
    for (const pin of ['199001', '011990', '193012', '202612', '552026']) expect(isGuessablePin(pin, NOW), pin).toBe(true);
    // Not a year yet, or before the years checked.
    for (const pin of ['202712', '192912']) expect(isGuessablePin(pin, NOW), pin).toBe(false);
  });

  it('takes PINs with no such pattern', () => {
    for (const pin of ['246810', '135790', '480263', '917254', '112358']) expect(isGuessablePin(pin, NOW), pin).toBe(false);
  });
});
