import { describe, expect, it } from 'vitest';
import { isQuotaError } from './storage-error';

describe('isQuotaError', () => {
  it('sees QuotaExceededError directly, wrapped by Dexie, and as a cause', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isQuotaError(new Error('x', { cause: { name: 'AbortError', inner: quota } }))).toBe(true);
  });
  it('does not mistake other failures for a full disk', () => {
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
