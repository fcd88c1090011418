// The servers a benchmark mode runs against: one over SQLite in a temporary directory, or one or more
// over a PostgreSQL database created for the run and dropped afterwards. Each server is bench/server.mjs
// in a child process, reporting its own event-loop delay and peak RSS over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database CREATE DATABASE may be run from; trust authentication on the local server by default. */
const POSTGRES_ADMIN_URL = process.env.PASSWARDEN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ServerStats {
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  peakRssMiB: number;
  hashing: { inFlight: number; queued: number; refused: number };
}

export interface ClusterOptions {
  store: 'sqlite' | 'postgres';
  instances: number;
  redisUrl: string | null;
  env: Record<string, string>;
}

export interface Cluster {
  /** Base URLs, one per server. */
  bases: string[];
  /** The servers' process ids, for CPU accounting. */
  pids: number[];
  /** Where the data lives, for the report (never a password). */
  description: string;
  reset: () => Promise<void>;
  stats: () => Promise<ServerStats[]>;
  stop: () => Promise<void>;
}

function request(child: ChildProcess, message: object, expect: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (reply: Record<string, unknown>) => {
      if (reply.type !== expect) return;
      child.off('message', listener);
      resolve(reply);
    };
    child.on('message', listener);
    child.send(message);
  });
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(join(import.meta.dirname, 'server.mjs'), [], {
    execArgv: [],
    env: { ...process.env, ...env, PASSWARDEN_PORT: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('message', (message: Record<string, unknown>) => resolve(message));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, base: String(ready.url) };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.connected) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  await exited;
}

async function onAdminConnection(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Starts the servers of one mode; stop() ends them and removes the data they wrote. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  let env: Record<string, string> = { ...options.env, ...(options.redisUrl === null ? {} : { PASSWARDEN_REDIS_URL: options.redisUrl }) };
  let cleanUp: () => Promise<void>;
  let description: string;
  if (options.store === 'sqlite') {
    if (options.instances !== 1) throw new RangeError('several instances need a shared PostgreSQL: add --postgres');
    const dataDir = await mkdtemp(join(tmpdir(), 'passwarden-bench-'));
    env = { ...env, PASSWARDEN_DATA_DIR: dataDir };
    cleanUp = () => rm(dataDir, { recursive: true, force: true });
    description = 'SQLite (WAL, synchronous=FULL) in a temporary directory';
  } else {
    const name = `pw_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
    await onAdminConnection(`create database "${name}"`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    env = { ...env, PASSWARDEN_DATABASE_URL: url.toString() };
    cleanUp = () => onAdminConnection(`drop database if exists "${name}" with (force)`);
    description = `PostgreSQL database ${name} on ${url.host} (dropped afterwards)`;
  }
  const started = await Promise.allSettled(Array.from({ length: options.instances }, () => startServer(env)));
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    try {
      await Promise.all(servers.map((server) => stopServer(server.child)));
    } finally {
      await cleanUp();
    }
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return {
    bases: servers.map((server) => server.base),
    pids: servers.map((server) => server.child.pid ?? -1),
    description: `${options.instances} instance${options.instances === 1 ? '' : 's'} over ${description}${options.redisUrl === null ? '' : ', per-IP counters in Redis'}`,
    reset: async () => void (await Promise.all(servers.map((server) => request(server.child, { type: 'reset' }, 'reset')))),
    stats: async () => (await Promise.all(servers.map((server) => request(server.child, { type: 'read' }, 'stats')))) as unknown as ServerStats[],
    stop,
  };
}
