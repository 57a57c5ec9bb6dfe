// The admin command: npm run admin -- <command>. It stands in for the agency's systems (issue 9)
// and works on the same database the server uses (DATA_DIR or DATABASE_URL), server running or not.
import { parseArgs } from 'node:util';
import { isApplicationStatus, LOCALES, STATUS_MESSAGE_MAX_CHARS, type StatusMessage } from '../src/contract/index';
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
Statuses: received, in_progress, returned, completed, rejected.`;

/** Rows printed by "list". */
const LIST_LIMIT = 100;

export async function runAdmin(argv: string[], storage: Storage, print: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      status: { type: 'string' }, find: { type: 'string' },
      uz: { type: 'string' }, 'uz-Cyrl': { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (command === 'list') {
    const status = values.status;
    if (status !== undefined && !isApplicationStatus(status)) return fail(print, `Unknown status "${status}".`);
    const rows = await storage.findApplications({ status, text: values.find, limit: LIST_LIMIT });
    for (const a of rows) print(`${a.number}\t${a.localReference ?? ''}\t${a.status}\t${a.serviceId}\t${a.updatedAt}\t${a.id}`);
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
  return fail(print, USAGE);
}

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
