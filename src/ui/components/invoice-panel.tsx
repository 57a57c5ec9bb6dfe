import { useState } from 'preact/hooks';
import { BRAND, groupReference, TIYIN_PER_SUM, type Invoice } from '../../contract/index';
import type { StatusRow } from '../../core/db/records';
import { formatDateTime } from '../../core/format/format-date-time';
import { formatMoney } from '../../core/format/format-number';
import { usePayLinkQr } from '../use-pay-link-qr';
import { useT } from '../use-t';

/** Names of the payment services as they write them, the same in every language and script. */
const BRANDS = { payme: 'Payme', qr: 'QR' } as const;
const PROVIDERS: Record<NonNullable<Invoice['paidVia']>['provider'], string> = { payme: BRANDS.payme };
/** Tiyin are shown only when there are any: 340 000 soʻm, 3 400,5 soʻm. */
const TIYIN_DIGITS = 2;
/** How big the QR code is drawn, in CSS pixels: large enough for a camera at arm's length. */
const QR_SIZE_PX = 192;

type Level = 2 | 3;

/**
 * An application's fee where its status is shown: while it waits for payment, how much, the
 * payment number to pay by, until when, where and how, and the pay link's QR code; once paid, the
 * receipt; expired or cancelled, that plainly. Nothing for an application without a fee. `level` is
 * the heading level the panel's title takes where it stands.
 */
export function InvoicePanel({ status, level }: { status: StatusRow | undefined; level: Level }) {
  const { t, locale } = useT();
  const invoice = status?.invoice;
  if (!status || !invoice) return null;
  const open = invoice.state === 'open';
  // An open invoice beside another status is an old one the server has not replaced yet: nothing to pay.
  if (open && status.status !== 'awaiting_payment') return null;
  const overdue = open && Date.parse(invoice.dueAt) <= Date.now();
  const Title = `h${level}` as 'h2' | 'h3';
  const amount = t('status:invoice.amount', {
    amount: formatMoney(invoice.amountTiyin / TIYIN_PER_SUM, locale, { maximumFractionDigits: TIYIN_DIGITS }),
  });
  return (
    // Not a named region: a list of applications would hold several alike, and the heading already leads to it.
    <div class="invoice" data-testid="invoice-panel" data-state={invoice.state}>
      <Title>{t(invoice.state === 'paid' ? 'status:invoice.paid' : 'status:invoice.title')}</Title>
      {open && !overdue ? <OpenInvoice invoice={invoice} amount={amount} level={level} /> : null}
      {/* Past due with the phone offline: the server refuses a payment now, so no way to pay is offered. */}
      {overdue ? <p data-testid="invoice-closed"><strong>{t('status:invoice.overdue')}</strong></p> : null}
      {invoice.state === 'paid' ? (
        <div data-testid="invoice-receipt">
          <p>{amount}</p>
          {invoice.paidAt ? <p>{t('status:invoice.paidAt', { time: formatDateTime(invoice.paidAt, locale) })}</p> : null}
          {invoice.paidVia ? (
            <p>{t('status:invoice.paidVia', { provider: PROVIDERS[invoice.paidVia.provider] ?? invoice.paidVia.provider, transaction: invoice.paidVia.transaction })}</p>
          ) : null}
        </div>
      ) : null}
      {invoice.state === 'expired' || invoice.state === 'cancelled' ? (
        <p data-testid="invoice-closed"><strong>{t(`status:invoice.${invoice.state}`)}</strong></p>
      ) : null}
    </div>
  );
}

function OpenInvoice({ invoice, amount, level }: { invoice: Invoice; amount: string; level: Level }) {
  const { t, locale } = useT();
  const How = `h${level + 1}` as 'h3' | 'h4';
  // Only a web address leaves the app for the payment page; anything else the server sent is not followed.
  const payLink = invoice.payLink?.startsWith('https://') ? invoice.payLink : null;
  return (
    <>
      <p>{t('status:invoice.toPay')}</p>
      <p class="invoice-amount" data-testid="invoice-amount">{amount}</p>
      <p class="invoice-reference-label">{t('status:invoice.reference')}</p>
      <p class="invoice-reference" data-testid="invoice-reference">{groupReference(invoice.reference)}</p>
      <CopyReference reference={invoice.reference} />
      <p>{t('status:invoice.due', { time: formatDateTime(invoice.dueAt, locale) })}</p>
      {/*
        Only the ways that reach this server: it is a Payme merchant (docs/payments.md). Bank apps,
        terminals and bank counters take a payment number only through the state billing system,
        which this server is not connected to; naming them would send a person on a wasted trip.
      */}
      {payLink ? (
        <>
          <How>{t('status:invoice.how')}</How>
          <ul>
            <li>{t('status:invoice.howApp', BRANDS)}</li>
            <li>{t('status:invoice.howQr', BRANDS)}</li>
            <li>{t('status:invoice.howNumber', { ...BRANDS, brand: BRAND[locale] })}</li>
          </ul>
          <PayLink link={payLink} />
        </>
      ) : null}
    </>
  );
}

/** Copies the payment number's digits (a payment app takes them without spaces), and says so. */
function CopyReference({ reference }: { reference: string }) {
  const { t } = useT();
  const [said, setSaid] = useState<'copied' | 'copyFailed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reference);
      setSaid('copied');
    } catch {
      setSaid('copyFailed');
    }
  };
  return (
    <p class="card-actions">
      <button type="button" onClick={() => void copy()}>{t('status:invoice.copy')}</button>
      {/* Always in the page, so a screen reader hears what is written into it. */}
      <span role="status">{said ? t(`status:invoice.${said}`) : ''}</span>
    </p>
  );
}

/** The pay link: opened on this phone, or its QR code scanned with another. */
function PayLink({ link }: { link: string }) {
  const { t } = useT();
  const qr = usePayLinkQr(link);
  return (
    <>
      <p><a href={link} rel="noopener noreferrer" target="_blank">{t('status:invoice.open', BRANDS)}</a></p>
      <figure class="invoice-qr">
        {qr ? <img src={qr} alt={t('status:invoice.qr', BRANDS)} width={QR_SIZE_PX} height={QR_SIZE_PX} data-testid="invoice-qr" /> : <div class="invoice-qr-space" />}
        <figcaption>{t('status:invoice.qrHint', BRANDS)}</figcaption>
      </figure>
    </>
  );
}
