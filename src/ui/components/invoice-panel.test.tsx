import { renderToString } from 'preact-render-to-string';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { encode } from 'uqr';
import { invoiceReference, type Invoice } from '../../contract/index';
import type { StatusRow } from '../../core/db/records';
import { initI18n, t } from '../../services/i18n';
import { renderHook } from '../test-support/render-hook';
import { usePayLinkQr } from '../use-pay-link-qr';
import { InvoicePanel } from './invoice-panel';

const NBSP = '\u00A0';
const PAY_LINK = 'https://checkout.paycom.uz/bT02NTg3YWJjO2FjLm9yZGVyX2lkPTI2MDAwMDAwMDQyODthPTM0MDAwMDAw';

function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    reference: invoiceReference(2026, 42), amountTiyin: 34_000_000, state: 'open', issuedAt: '2026-12-01T08:00:00.000Z',
    dueAt: '2026-12-11T08:00:00.000Z', payLink: PAY_LINK, ...overrides,
  };
}

function status(overrides: Partial<StatusRow> = {}): StatusRow {
  return {
    id: 'a-1', owner: 'self', serviceId: 'passport', status: 'awaiting_payment', message: null, revision: 1,
    changedAt: '2026-12-01T08:00:00.000Z', number: 'XZ-2026-000042', unseen: false, invoice: invoice(), ...overrides,
  };
}

/** The element carrying `data-testid`, as rendered, up to where it closes (or the next tag when it has no close). */
function part(html: string, testId: string): string | null {
  const match = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>`).exec(html);
  if (!match) return null;
  const close = html.indexOf(`</${match[1]}>`, match.index);
  return html.slice(match.index, close === -1 ? match.index + match[0].length : close);
}
const text = (html: string | null) => (html ?? '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/[ \n]+/g, ' ').trim();

beforeAll(async () => {
  await initI18n('en');
});
// The fixture's invoice is due on 11 December 2026: the panel is drawn as of a week before, whatever today is.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T08:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('InvoicePanel', () => {
  it('while the fee is open: the amount, the payment number in fours, the due date, how to pay and the pay link with its QR code', () => {
    const html = renderToString(<InvoicePanel status={status()} level={3} />);
    expect(part(html, 'invoice-panel')).toContain('data-state="open"');
    expect(text(part(html, 'invoice-amount'))).toBe(`Amount: UZS${NBSP}340,000`);
    expect(text(part(html, 'invoice-reference'))).toBe('2600 0000 0422');
    expect(text(html)).toContain(t('status:invoice.how'));
    // Only the ways that reach a Payme merchant: never a terminal or a bank counter, which would not reach it.
    expect(text(html)).toContain('On this phone: tap “Pay in Payme” below');
    expect(text(html)).toContain('scan the QR code below with Payme');
    expect(text(html)).toContain('find “Xizmat” among the payments');
    expect(text(html)).not.toMatch(/terminal|bank/i);
    expect(text(html)).toContain('Pay by 11 December 2026');
    expect(html).toContain(`href="${PAY_LINK}"`);
    // The code itself is drawn once its library has loaded (a test below); its caption is there at once.
    expect(text(html)).toContain(t('status:invoice.qrHint', { payme: 'Payme' }));
    expect(html).toContain(`<h3>${t('status:invoice.title')}</h3>`);
    for (const id of ['invoice-receipt', 'invoice-closed']) expect(part(html, id)).toBeNull();
  });

  it('past its due time before the phone heard back: says so, and offers no way to pay', () => {
    const html = renderToString(<InvoicePanel status={status({ invoice: invoice({ dueAt: new Date(Date.now() - 1_000).toISOString() }) })} level={3} />);
    expect(text(part(html, 'invoice-closed'))).toBe(t('status:invoice.overdue'));
    for (const id of ['invoice-reference', 'invoice-amount', 'invoice-qr']) expect(part(html, id)).toBeNull();
    expect(html).not.toContain('href=');
  });

  it('keeps tiyin in the amount when there are any', () => {
    const html = renderToString(<InvoicePanel status={status({ invoice: invoice({ amountTiyin: 3_400_050 }) })} level={2} />);
    expect(text(part(html, 'invoice-amount'))).toBe(`Amount: UZS${NBSP}34,000.5`);
  });

  it('with no pay link (no payment provider), or one that is not a web address: the amount and number, no ways to pay that do not exist, no link, no code', () => {
    for (const payLink of [null, 'javascript:alert(1)']) {
      const html = renderToString(<InvoicePanel status={status({ invoice: invoice({ payLink }) })} level={3} />);
      expect(part(html, 'invoice-reference')).not.toBeNull();
      expect(html).not.toContain('invoice-qr');
      expect(html).not.toContain('href=');
      expect(text(html)).not.toContain(t('status:invoice.how'));
    }
  });

  it('once paid: the receipt with the amount, when and the provider\'s transaction, and nothing to pay', () => {
    const paid = invoice({ state: 'paid', paidAt: '2026-12-02T09:30:00.000Z', paidVia: { provider: 'payme', transaction: '5e730e8e0b852a417aa49ceb' } });
    const html = renderToString(<InvoicePanel status={status({ status: 'received', invoice: paid })} level={3} />);
    const receipt = text(part(html, 'invoice-receipt'));
    expect(receipt).toContain(`Amount: UZS${NBSP}340,000`);
    expect(receipt).toContain('Paid 2 December 2026');
    expect(receipt).toContain('Payme, transaction 5e730e8e0b852a417aa49ceb');
    for (const id of ['invoice-reference', 'invoice-amount', 'invoice-qr', 'invoice-closed']) expect(part(html, id)).toBeNull();
  });

  it.each([
    ['expired', 'status:invoice.expired'],
    ['cancelled', 'status:invoice.cancelled'],
  ] as const)('%s: says so plainly, with nothing to pay', (state, key) => {
    const html = renderToString(<InvoicePanel status={status({ status: 'rejected', invoice: invoice({ state }) })} level={3} />);
    expect(text(part(html, 'invoice-closed'))).toBe(t(key));
    for (const id of ['invoice-reference', 'invoice-amount', 'invoice-receipt']) expect(part(html, id)).toBeNull();
  });

  it('draws nothing without a fee, nor for an open invoice beside a status that is not waiting for payment', () => {
    expect(renderToString(<InvoicePanel status={status({ invoice: undefined })} level={3} />)).toBe('');
    expect(renderToString(<InvoicePanel status={status({ status: 'in_progress' })} level={3} />)).toBe('');
    expect(renderToString(<InvoicePanel status={undefined} level={3} />)).toBe('');
  });

  it('speaks the person\'s language', async () => {
    await initI18n('uz');
    try {
      const html = renderToString(<InvoicePanel status={status()} level={3} />);
      expect(text(part(html, 'invoice-amount'))).toBe(`Summa: 340${NBSP}000${NBSP}soʻm`);
      expect(text(html)).toContain('Boshqa telefondan: pastdagi QR kodni Payme ilovasi bilan skanerlang.');
    } finally {
      await initI18n('en');
    }
  });
});

describe('usePayLinkQr', () => {
  it('draws the pay link as a QR code once its library has loaded, and nothing for no link', async () => {
    vi.stubGlobal('document', { getElementById: () => null });
    const { result } = renderHook(() => usePayLinkQr(PAY_LINK));
    expect(result.current).toBeNull();
    await vi.waitFor(() => expect(result.current).not.toBeNull());
    const svg = decodeURIComponent(result.current!.replace('data:image/svg+xml,', ''));
    // As many modules across as the code for this link has, with two light ones on each side.
    const size = encode(PAY_LINK, { ecc: 'M', border: 2 }).size;
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(svg).toMatch(/<path fill="black" d="M/);
    const none = renderHook(() => usePayLinkQr(null));
    await act(async () => { await Promise.resolve(); });
    expect(none.result.current).toBeNull();
  });
});
