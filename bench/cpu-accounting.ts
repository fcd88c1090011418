// Where the machine's CPU went during a phase, read from /proc (Linux): the servers' main threads,
// their other threads (the hashing pool, V8's helpers), PostgreSQL, Redis, this load generator, and
// everything else. Efficiency below 1 is this table: every millisecond not spent hashing is here.
import { readdirSync, readFileSync } from 'node:fs';

export type CpuPart = 'server main threads' | 'server other threads' | 'PostgreSQL' | 'Redis' | 'load generator' | 'other';
export const CPU_PARTS: CpuPart[] = ['server other threads', 'server main threads', 'PostgreSQL', 'Redis', 'load generator', 'other'];
/** CPU seconds used so far by each thread alive at the snapshot ("pid/tid"), with its part. */
export type CpuSnapshot = Map<string, { part: CpuPart; seconds: number }>;

/** Clock ticks per second of /proc's utime and stime: 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process or thread ended between listing and reading
  }
}

function partOf(pid: number, tid: number, comm: string, servers: ReadonlySet<number>): CpuPart {
  if (servers.has(pid)) return pid === tid ? 'server main threads' : 'server other threads';
  if (pid === process.pid) return 'load generator';
  if (comm.startsWith('postgres') || comm.startsWith('postmaster')) return 'PostgreSQL';
  if (comm.startsWith('redis-server')) return 'Redis';
  return 'other';
}

/** CPU seconds used so far by every thread, or null where /proc is not there to read. */
export function cpuSnapshot(serverPids: readonly number[]): CpuSnapshot | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  const servers = new Set(serverPids);
  const used: CpuSnapshot = new Map();
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = readOrNull(`/proc/${pid}/task/${tid}/stat`);
      if (stat === null) continue;
      // The command name is in parentheses and may itself hold spaces or parentheses.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      used.set(`${pid}/${tid}`, { part: partOf(Number(pid), Number(tid), comm, servers), seconds: ticks / TICKS_PER_SECOND });
    }
  }
  return used;
}

/**
 * CPU milliseconds per completed change, by part, between two snapshots: what each thread alive at
 * the second used since the first (all of it for a thread started in between). A thread that ended in
 * between (a database connection closed when idle) is missing: the table can only under-count.
 */
export function cpuPerChange(before: CpuSnapshot | null, after: CpuSnapshot | null, changes: number): Map<CpuPart, number> | null {
  if (before === null || after === null || changes === 0) return null;
  const perPart = new Map<CpuPart, number>(CPU_PARTS.map((part) => [part, 0]));
  for (const [thread, { part, seconds }] of after) {
    const used = seconds - (before.get(thread)?.seconds ?? 0);
    perPart.set(part, (perPart.get(part) ?? 0) + (used * 1000) / changes);
  }
  return perPart;
}
