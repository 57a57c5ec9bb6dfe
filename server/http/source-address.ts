import { isIPv4, isIPv6 } from 'node:net';

/** Hextets of an IPv6 address that name one subscriber: providers hand each customer a /64. */
const IPV6_SUBSCRIBER_HEXTETS = 4;
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** An IPv4 address a dual-stack socket reports as IPv6 (::ffff:203.0.113.7), as the IPv4 address it is. */
export function unmapIPv4(ip: string): string {
  return IPV4_MAPPED.exec(ip)?.[1] ?? ip;
}

/**
 * What a source address is counted under by the request limits: an IPv4 address as it is, an
 * IPv6 address by its /64, since one subscriber may use any of its 2^64 addresses and would
 * otherwise start a fresh count with each. `request.ip` is the client's address as far as the
 * trusted proxies (XIZMAT_TRUST_PROXY) vouch for it, so the client cannot choose it.
 */
export function sourceKey(ip: string): string {
  const mapped = IPV4_MAPPED.exec(ip);
  if (mapped) return mapped[1]!;
  const address = ip.split('%')[0]!;
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  // A dotted IPv4 tail stands for two hextets.
  const tailHextets = tailParts.length + (tailParts.at(-1)?.includes('.') ? 1 : 0);
  const zeros = tail === undefined ? [] : new Array<string>(8 - headParts.length - tailHextets).fill('0');
  const hextets = [...headParts, ...zeros, ...tailParts].slice(0, IPV6_SUBSCRIBER_HEXTETS);
  return `${hextets.map((h) => Number.parseInt(h, 16).toString(16)).join(':')}::/64`;
}
