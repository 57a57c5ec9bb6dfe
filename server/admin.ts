// The admin command: npm run admin -- <command>. It stands in for the agency's systems (README.md,
// "Statuses, the back office and the admin command") and works on the same database the server uses
// (DATA_DIR or DATABASE_URL), server running or not.
import { parseArgs } from 'node:util';
import {
  groupReference, INVOICE_STATES, parseInvoiceReference, type InvoiceState,
} from '../src/contract/index';
import { formatSum } from './payments/format-sum';
import { standInKey } from './payments/payme-settings';
import { PAYME_PATH } from './payments/payme-routes';
import { PaymeCallError, payAsPayme } from './payments/stand-in-payme';
import { isApplicationStatus, LOCALES, MIN_PASSWORD_CHARS, STATUS_MESSAGE_MAX_CHARS, type StatusMessage } from '../src/contract/index';
import { operatorCommand, type AdminInput } from './auth/operator-admin';
import { readConfig } from './read-config';
import { openStorage } from './storage/open-storage';
import type { Storage } from './storage/storage';

const USAGE = `Usage: npm run admin -- <command>
  list [--status <status>] [--find <number | id | local reference>]
                                  applications, newest first (100 at most)
  move <application> <status> [--uz <text>] [--uz-Cyrl <text>] [--ru <text>] [--en <text>]
                                  move an application (by number, id or local reference)
                                  to in_progress, returned, completed or rejected, with a message
  feedback                        ratings per service: count, average, distribution
  operator-add <username> --name <display name>
                                  add an operator; the password comes from XIZMAT_OPERATOR_PASSWORD
                                  or, without it, from standard input (at least ${MIN_PASSWORD_CHARS} characters)
  operator-list                   operators, with disabled ones marked
  operator-disable <username>     the operator can no longer sign in; its sign-ins end, and with them
                                  its access tokens and the signatures of its unsent applications
  devices                         phones operators signed in on, newest first
  invoices [--state <state>]      invoices, newest first (100 at most): reference, amount, state,
                                  application number, status; states: open, paid, cancelled, expired
  pay <invoice reference | application> [--server <address>]
                                  the stand-in Payme pays it over HTTP through the running server
                                  (default http://127.0.0.1:$PORT); refused with a real Payme cashbox
  expire-invoices                 expire unpaid invoices past their due time now (the server does
                                  it every 15 minutes) and refuse their applications
  device-revoke <device hash prefix | operator username>
                                  refuse that phone (or every phone of that operator) from now on;
                                  on-behalf applications signed there are refused wherever they come from
Statuses: received, in_progress, returned, completed, rejected, awaiting_payment.`;

/** Rows printed by "list". */
const LIST_LIMIT = 100;

/** Where `pay` finds the merchant endpoint and the stand-in's key; null key: a real cashbox is configured. */
export interface StandInTarget {
  url: string;
  key: () => Promise<string | null>;
}

export async function runAdmin(
  argv: string[], storage: Storage, print: (line: string) => void, input: AdminInput = processInput, standIn?: StandInTarget,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      status: { type: 'string' }, find: { type: 'string' }, name: { type: 'string' },
      uz: { type: 'string' }, 'uz-Cyrl': { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' },
      state: { type: 'string' }, server: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (command === 'list') {
    const status = values.status;
    if (status !== undefined && !isApplicationStatus(status)) return fail(print, `Unknown status "${status}".`);
    const rows = await storage.findApplications({ status, text: values.find, limit: LIST_LIMIT });
    // On a shared phone an operator applies for residents: the last column names the resident, if any.
    for (const a of rows) print(`${a.number}\t${a.localReference ?? ''}\t${a.status}\t${a.serviceId}\t${a.updatedAt}\t${a.id}${a.onBehalf ? `\tfor ${a.onBehalf.resident.name}` : ''}`);
    if (rows.length === 0) print('No applications.');
    return 0;
  }
  if (command === 'move') {
    const [application, to] = rest;
    if (!application || !isApplicationStatus(to)) return fail(print, USAGE);
    const message: StatusMessage = {};
    for (const locale of LOCALES) {
      const text = values[locale]?.trim();
      if (text) message[locale] = [...text].slice(0, STATUS_MESSAGE_MAX_CHARS).join('');
    }
    const moved = await storage.moveStatus({ application, to, message: Object.keys(message).length > 0 ? message : null, actor: 'admin-cli' });
    if (moved.kind === 'not_found') return fail(print, `No application "${application}".`);
    if (moved.kind === 'invalid') return fail(print, `An application that is ${moved.from} cannot become ${to}.`);
    print(`${moved.change.number} is now ${moved.change.status}.`);
    return 0;
  }
  if (command === 'feedback') {
    const summaries = await storage.feedbackSummaries();
    for (const f of summaries) print(`${f.serviceId}\t${f.count} ratings\taverage ${f.average.toFixed(2)}\t${f.distribution.map((n, i) => `${i + 1}:${n}`).join(' ')}`);
    if (summaries.length === 0) print('No feedback yet.');
    return 0;
  }
  const paymentResult = await paymentCommand(command, rest, values, storage, print, standIn);
  if (paymentResult !== null) return paymentResult;
  const operatorResult = await operatorCommand(command, rest, values.name, storage.operators, print, input);
  if (operatorResult !== null) return operatorResult;
  return fail(print, USAGE);
}

/** The password of operator-add: XIZMAT_OPERATOR_PASSWORD, else all of standard input (one line). */
const processInput: AdminInput = {
  password: async () => {
    if (process.env.XIZMAT_OPERATOR_PASSWORD) return process.env.XIZMAT_OPERATOR_PASSWORD;
    if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  },
  now: () => new Date(),
};

async function paymentCommand(
  command: string | undefined, rest: string[], values: { state?: string; server?: string }, storage: Storage, print: (line: string) => void,
  standIn: StandInTarget | undefined,
): Promise<number | null> {
  if (command === 'invoices') {
    const state = values.state;
    if (state !== undefined && !(INVOICE_STATES as readonly string[]).includes(state)) return fail(print, `Unknown invoice state "${state}".`);
    const rows = await storage.payments.invoices({ state: state as InvoiceState | undefined, limit: LIST_LIMIT });
    for (const i of rows) print(`${i.reference}\t${formatSum(i.amountTiyin)}\t${i.state}\t${i.applicationNumber}\t${i.applicationStatus}\tdue ${i.dueAt}${i.paidAt ? `\tpaid ${i.paidAt}` : ''}`);
    if (rows.length === 0) print('No invoices.');
    return 0;
  }
  if (command === 'expire-invoices') {
    print(`${await storage.payments.expireInvoices()} invoices expired.`);
    return 0;
  }
  if (command !== 'pay') return null;
  const [which] = rest;
  if (!which || !standIn) return fail(print, USAGE);
  const key = await standIn.key();
  if (key === null) return fail(print, 'A real Payme cashbox is configured (XIZMAT_PAYME_KEY): people pay in Payme; the stand-in does not.');
  const reference = parseInvoiceReference(which);
  const invoice = reference ? await storage.payments.invoice(reference) : await storage.payments.invoiceOf(which);
  if (!invoice) return fail(print, `No invoice "${which}".`);
  const url = values.server ? `${values.server.replace(/\/+$/, '')}${PAYME_PATH}` : standIn.url;
  try {
    const paid = await payAsPayme({ url, key }, invoice.reference, invoice.amountTiyin);
    print(`Paid ${groupReference(invoice.reference)}: ${formatSum(invoice.amountTiyin)} for ${invoice.applicationNumber} (stand-in Payme transaction ${paid.id}).`);
    return 0;
  } catch (error) {
    if (error instanceof PaymeCallError) return fail(print, `Not paid: ${error.message}.`);
    return fail(print, `Not paid: the server at ${url} did not answer (${(error as Error).message}). Is it running?`);
  }
}

function fail(print: (line: string) => void, message: string): number {
  print(message);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = readConfig(process.env);
  const storage = await openStorage(config);
  const standIn: StandInTarget = {
    url: `http://127.0.0.1:${config.port}${PAYME_PATH}`,
    key: async () => (config.payme.key === null ? standInKey(storage.operators, () => new Date()) : null),
  };
  try {
    process.exitCode = await runAdmin(process.argv.slice(2), storage, (line) => console.log(line), processInput, standIn);
  } finally {
    await storage.close();
  }
}
