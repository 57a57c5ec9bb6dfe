import { randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { unmapIPv4 } from '../http/source-address';
import type { OperatorStorage } from '../storage/operator-storage';

/**
 * Payme calls only from these addresses (its Merchant API documentation): 185.234.113.1 to .15.
 * Any other caller is refused before its credentials are even read.
 */
export const PAYME_SOURCE_RANGE = { first: '185.234.113.1', last: '185.234.113.15' } as const;
/** Payme's checkout: a payment app or browser opens this with the invoice in the path. */
export const PAYME_CHECKOUT_URL = 'https://checkout.paycom.uz';
/** Payme's sandbox checkout, which a stand-in merchant points at: nothing real can be paid there. */
export const PAYME_TEST_CHECKOUT_URL = 'https://test.paycom.uz';
/** The user name of Payme's Basic credentials is always this; the password is the cashbox key. */
export const PAYME_LOGIN = 'Paycom';
/** The name of the cashbox's account field that carries our invoice reference ("ac.invoice" in a checkout link). */
export const PAYME_ACCOUNT_FIELD = 'invoice';
/** A stand-in merchant id, in Payme's format (24 hex digits), which no real cashbox has. */
const STAND_IN_MERCHANT_ID = '000000000000000000000000';
const STAND_IN_KEY_BYTES = 27;

/** How this server is a Payme merchant. */
export interface PaymeSettings {
  merchantId: string;
  /** The cashbox key Payme signs in with. */
  key: string;
  /** True when no real cashbox is configured: a key made here, for the stand-in provider only. */
  standIn: boolean;
  checkoutUrl: string;
  /** Who may call the merchant endpoint; null: anyone with the key (the stand-in on this machine). */
  sources: BlockList | null;
}

/** The environment's XIZMAT_PAYME_* settings, read by read-config.ts. */
export interface PaymeEnv {
  merchantId: string | null;
  key: string | null;
  checkoutUrl: string | null;
  /** Comma-separated addresses or CIDRs, instead of Payme's published range. */
  sources: string | null;
}

export function readPaymeEnv(env: NodeJS.ProcessEnv): PaymeEnv {
  const merchantId = env.XIZMAT_PAYME_MERCHANT_ID || null;
  const key = env.XIZMAT_PAYME_KEY || null;
  if ((merchantId === null) !== (key === null)) throw new Error('XIZMAT_PAYME_MERCHANT_ID and XIZMAT_PAYME_KEY go together: set both for a real Payme cashbox, or neither for the stand-in.');
  const checkoutUrl = env.XIZMAT_PAYME_CHECKOUT_URL || null;
  if (checkoutUrl !== null && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(checkoutUrl)) throw new Error(`XIZMAT_PAYME_CHECKOUT_URL must be an http(s) address, not "${checkoutUrl}".`);
  const sources = env.XIZMAT_PAYME_SOURCES || null;
  if (sources !== null) sourceList(sources);
  return { merchantId, key, checkoutUrl: checkoutUrl?.replace(/\/+$/, '') ?? null, sources };
}

/**
 * The merchant settings: a real cashbox from the environment, or else the stand-in, whose key is
 * made on first start and kept in the database so that `npm run admin -- pay` can sign in with it.
 */
export async function loadPaymeSettings(env: PaymeEnv, operators: OperatorStorage, now: () => Date): Promise<PaymeSettings> {
  if (env.key !== null && env.merchantId !== null) {
    const sources = sourceList(env.sources ?? '');
    if (env.sources === null) sources.addRange(PAYME_SOURCE_RANGE.first, PAYME_SOURCE_RANGE.last);
    return { merchantId: env.merchantId, key: env.key, standIn: false, checkoutUrl: env.checkoutUrl ?? PAYME_CHECKOUT_URL, sources };
  }
  return {
    merchantId: STAND_IN_MERCHANT_ID, key: await standInKey(operators, now), standIn: true,
    checkoutUrl: env.checkoutUrl ?? PAYME_TEST_CHECKOUT_URL, sources: env.sources === null ? null : sourceList(env.sources),
  };
}

/** The stand-in cashbox key kept in the database (made once, shared by every instance). */
export async function standInKey(operators: OperatorStorage, now: () => Date): Promise<string> {
  const stored = await operators.ensureServerKey({
    keyId: `payme-stand-in-${randomBytes(8).toString('hex')}`, kind: 'payme-stand-in', publicJwk: null, createdAt: now().toISOString(),
    privateJwk: JSON.stringify({ kty: 'oct', k: randomBytes(STAND_IN_KEY_BYTES).toString('base64url') }),
  });
  return (JSON.parse(stored.privateJwk) as { k: string }).k;
}

/** Whether Payme (or the stand-in) may call from this address. */
export function isAllowedSource(settings: PaymeSettings, ip: string): boolean {
  if (settings.sources === null) return true;
  const mapped = unmapIPv4(ip);
  const family = isIP(mapped);
  return family !== 0 && settings.sources.check(mapped, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The Payme checkout link for an invoice: the merchant, the account field and the amount in tiyin,
 * base64 in the path, as Payme's "GET" payment initialisation takes them. A payment app that scans
 * the QR code of it opens the payment with everything filled in.
 */
export function paymeLink(settings: Pick<PaymeSettings, 'merchantId' | 'checkoutUrl'>, reference: string, amountTiyin: number): string {
  const params = `m=${settings.merchantId};ac.${PAYME_ACCOUNT_FIELD}=${reference};a=${amountTiyin}`;
  return `${settings.checkoutUrl}/${Buffer.from(params, 'utf8').toString('base64')}`;
}

function sourceList(text: string): BlockList {
  const list = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`XIZMAT_PAYME_SOURCES takes addresses and CIDRs, not "${entry}".`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}
