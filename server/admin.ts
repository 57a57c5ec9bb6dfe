// The admin command: npm run admin -- <command>. It stands in for the agency's systems (README.md,
// "Statuses, the back office and the admin command") and works on the same database the server uses
// (DATA_DIR or DATABASE_URL), server running or not.
import { parseArgs } from 'node:util';
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
  device-revoke <device hash prefix | operator username>
                                  refuse that phone (or every phone of that operator) from now on;
                                  on-behalf applications signed there are refused wherever they come from
Statuses: received, in_progress, returned, completed, rejected.`;

/** Rows printed by "list". */
const LIST_LIMIT = 100;

export async function runAdmin(argv: string[], storage: Storage, print: (line: string) => void, input: AdminInput = processInput): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      status: { type: 'string' }, find: { type: 'string' }, name: { type: 'string' },
      uz: { type: 'string' }, 'uz-Cyrl': { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' },
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

function fail(print: (line: string) => void, message: string): number {
  print(message);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const storage = await openStorage(readConfig(process.env));
  try {
    process.exitCode = await runAdmin(process.argv.slice(2), storage, (line) => console.log(line));
  } finally {
    await storage.close();
  }
}
