import { describe, expect, it } from 'vitest';
import { acceptsEncoding } from './accepts-encoding';

describe('acceptsEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['BR', true],
    ['br;q=0.001', true],
    ['br;q=0', false],
    ['br;q=0.0', false],
    ['gzip', false],
    ['brotli', false],
    ['', false],
  ])('reads br in %j as %s', (header, expected) => {
    expect(acceptsEncoding(header, 'br')).toBe(expected);
  });

  it('reads gzip the same way, and an absent header as nothing taken', () => {
    expect(acceptsEncoding('deflate, gzip;q=0.5', 'gzip')).toBe(true);
    expect(acceptsEncoding('gzip;q=0', 'gzip')).toBe(false);
    expect(acceptsEncoding(undefined, 'gzip')).toBe(false);
  });
});
