import { describe, expect, it } from 'vitest';
import { sourceKey } from './source-address';

describe('sourceKey', () => {
  it('counts an IPv4 address as itself, also when it arrives IPv4-mapped', () => {
    expect(sourceKey('203.0.113.7')).toBe('203.0.113.7');
    expect(sourceKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one source, however it is written', () => {
    const key = sourceKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:0db8:0001:0002:ffff:eeee:dddd:cccc')).toBe(key);
    expect(sourceKey('2001:db8:1:2:a::%eth0')).toBe(key);
    expect(sourceKey('2001:db8:1:3::1')).not.toBe(key);
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey('2001:db8::')).toBe('2001:db8:0:0::/64');
  });
});
