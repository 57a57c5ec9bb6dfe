import {
  APPLICATION_STATUSES, canMoveStatus, groupReference, type ApplicationStatus, type FeedbackSummary,
} from '../../src/contract/index';
import { formatSum } from '../payments/format-sum';
import type { InvoiceRecord } from '../storage/payment-storage';
import type { ApplicationSummary } from '../storage/storage';

/** What the page shows: one list and the feedback per service. */
interface BackOfficeView {
  applications: ApplicationSummary[];
  /** The newest invoices, paid or not. */
  invoices: InvoiceRecord[];
  feedback: FeedbackSummary[];
  filter: { status?: ApplicationStatus; text?: string };
  /** A line about the last action, e.g. "XZ-2026-000004 moved to returned". */
  notice?: string;
  /** The CSRF token every form that changes something carries (csrf-token.ts). */
  csrfToken: string;
}

/**
 * The back office: a small page that stands in for the agency's systems (they move applications
 * through their statuses), in English for the developers and testers who use it; it is not part of
 * the citizens' app. Plain HTML forms, no script, so it works anywhere.
 */
export function backOfficePage(view: BackOfficeView): string {
  const rows = view.applications.map((a) => applicationRow(a, view.csrfToken)).join('');
  const feedback = view.feedback.map((f) => `<tr><td>${esc(f.serviceId)}</td><td>${f.count}</td><td>${f.average.toFixed(2)}</td>`
    + `<td>${f.distribution.map((n, i) => `${i + 1}★ ${n}`).join(', ')}</td></tr>`).join('');
  const invoices = view.invoices.map(invoiceRow).join('');
  const statusOptions = ['', ...APPLICATION_STATUSES].map((s) => `<option value="${s}"${s === (view.filter.status ?? '') ? ' selected' : ''}>${s || 'any status'}</option>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${esc(view.csrfToken)}">
<title>Xizmat back office</title>
<style>body{font:16px/1.4 system-ui,sans-serif;margin:1rem;max-width:70rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}fieldset{border:0;padding:0;margin:0}
label{display:block;font-size:.9rem}input[type=text]{width:100%;box-sizing:border-box}.notice{background:#e6f4ea;padding:.5rem}</style>
</head><body>
<header><h1>Xizmat back office</h1><p>Stands in for the agency's systems: moves applications through their lifecycle, sees their payments and reads citizens' feedback.</p></header>
<main>
${view.notice ? `<p class="notice" role="status">${esc(view.notice)}</p>` : ''}
<form method="get" action="/back-office"><label for="q">Application number, id or local reference</label>
<input id="q" type="text" name="q" value="${esc(view.filter.text ?? '')}">
<label for="status">Status</label><select id="status" name="status">${statusOptions}</select>
<button type="submit">Find</button></form>
<h2>Applications</h2>
<table><thead><tr><th scope="col">Number</th><th scope="col">Service</th><th scope="col">Status</th><th scope="col">Move</th></tr></thead>
<tbody>${rows || '<tr><td colspan="4">None</td></tr>'}</tbody></table>
<h2>Payments</h2>
<table><thead><tr><th scope="col">Invoice</th><th scope="col">Application</th><th scope="col">Amount</th><th scope="col">State</th><th scope="col">Paid</th></tr></thead>
<tbody>${invoices || '<tr><td colspan="5">None yet</td></tr>'}</tbody></table>
<h2>Feedback per service</h2>
<table><thead><tr><th scope="col">Service</th><th scope="col">Ratings</th><th scope="col">Average</th><th scope="col">Distribution</th></tr></thead>
<tbody>${feedback || '<tr><td colspan="4">None yet</td></tr>'}</tbody></table>
</main></body></html>`;
}

function applicationRow(a: ApplicationSummary, csrfToken: string): string {
  const next = APPLICATION_STATUSES.filter((to) => canMoveStatus(a.status, to, 'agency'));
  const id = `move-${a.id}`;
  const form = next.length === 0 ? 'final' : `<form method="post" action="/back-office/move" aria-label="Move ${esc(a.number)}">
<input type="hidden" name="csrf" value="${esc(csrfToken)}">
<input type="hidden" name="application" value="${esc(a.id)}">
<label for="${id}-to">New status</label><select id="${id}-to" name="to">${next.map((s) => `<option value="${s}">${s}</option>`).join('')}</select>
<label for="${id}-uz">Message (uz)</label><input id="${id}-uz" type="text" name="uz">
<label for="${id}-uz-cyrl">Message (uz-Cyrl)</label><input id="${id}-uz-cyrl" type="text" name="uz-Cyrl">
<label for="${id}-ru">Message (ru)</label><input id="${id}-ru" type="text" name="ru">
<label for="${id}-en">Message (en)</label><input id="${id}-en" type="text" name="en">
<button type="submit">Move ${esc(a.number)}</button></form>`;
  // An application an assistant made for a resident says so, with how the resident consented.
  const onBehalf = a.onBehalf
    ? `<br><small data-on-behalf>for ${esc(a.onBehalf.resident.name)} by operator ${esc(a.onBehalf.operatorId)}; consent ${a.onBehalf.consent.method === 'typed' ? 'typed' : 'signed'} ${esc(a.onBehalf.consent.confirmedAt)}</small>`
    : '';
  return `<tr data-application="${esc(a.id)}"><td>${esc(a.number)}<br><small>${esc(a.localReference ?? '')} · revision ${a.revision}</small>${onBehalf}</td>`
    + `<td>${esc(a.serviceId)}</td><td data-status>${a.status}<br><small>${esc(a.updatedAt)}</small></td><td>${form}</td></tr>`;
}

function invoiceRow(i: InvoiceRecord): string {
  const paid = i.paidAt && i.paidVia ? `${esc(i.paidAt)}<br><small>${esc(i.paidVia.provider)} ${esc(i.paidVia.transaction)}</small>` : '';
  const state = i.state === 'open' ? `open, due ${esc(i.dueAt)}` : i.state;
  return `<tr data-invoice="${esc(i.reference)}"><td>${esc(groupReference(i.reference))}</td><td>${esc(i.applicationNumber)}<br><small>${i.applicationStatus}</small></td>`
    + `<td>${formatSum(i.amountTiyin)}</td><td data-invoice-state>${state}</td><td>${paid}</td></tr>`;
}

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
