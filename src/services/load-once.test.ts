import { describe, expect, it, vi } from 'vitest';
import { loadOnce } from './load-once';

describe('loadOnce', () => {
  it('starts loading on the first call only, and hands every call the same module', async () => {
    const load = vi.fn(async () => ({ name: 'store' }));
    const loadStore = loadOnce(load);
    expect(load).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([loadStore(), loadStore()]);
    expect(a).toBe(b);
    expect(await loadStore()).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
