import { TIYIN_PER_SUM } from '../../src/contract/index';

/** "18 540 soʻm" from tiyin, as the admin command and the back office write an amount. */
export function formatSum(tiyin: number): string {
  return `${(tiyin / TIYIN_PER_SUM).toLocaleString('en', { maximumFractionDigits: 2 }).replaceAll(',', ' ')} soʻm`;
}
