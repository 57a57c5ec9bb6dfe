// CPU time of the bench's processes from /proc, so that figures per application hold even when other
// sessions take most of the shared cores and the wall-clock rates fall.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ): /proc counts CPU time in these. */
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

interface Stat {
  ppid: number;
  /** utime + stime of the process itself, and cutime + cstime of its children it has reaped, in ms. */
  ownMs: number;
  reapedMs: number;
}

function stat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  return { ppid: fields[1]!, ownMs: ms(fields[11]! + fields[12]!), reapedMs: ms(fields[13]! + fields[14]!) };
}

/** CPU time one process has used so far, in ms (0 once it is gone). */
export function processCpuMs(pid: number | undefined): number {
  return pid === undefined ? 0 : (stat(pid)?.ownMs ?? 0);
}

/**
 * CPU time of a process and all its children, live or exited, in ms: PostgreSQL's postmaster and
 * its backends, which exit (and are reaped into the postmaster's count) when a pool closes.
 */
export function treeCpuMs(pid: number): number {
  const root = stat(pid);
  if (!root) return 0;
  let total = root.ownMs + root.reapedMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(Number(entry));
    if (child?.ppid === pid) total += child.ownMs + child.reapedMs;
  }
  return total;
}
