import { describe, expect, it } from 'vitest';
import { checkPinfl } from './pinfl';

describe('checkPinfl', () => {
  it('accepts a PINFL with a real birth date and a matching check digit', () => {
    expect(checkPinfl('31507900010013')).toBeNull();
  });
  it.each([
    ['3150790001001', 'pinfl_format'],
    ['3150790001001a', 'pinfl_format'],
    ['71507900010013', 'pinfl_format'],
    ['33102900010013', 'pinfl_date'],
    ['51507990010013', 'pinfl_date'],
    ['31507900000013', 'pinfl_format'],
    ['31507900010014', 'pinfl_checksum'],
  ])('reports %s as %s', (value, problem) => {
    expect(checkPinfl(value)).toBe(problem);
  });
});
