// Helpers for the multi-instance suite: a throw-away PostgreSQL database, real `passwarden serve`
// processes on loopback ports sharing it, and a small fetch wrapper.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/main/cli.ts', import.meta.url));

/** A database on the local server that CREATE DATABASE may be run from (trust authentication by default). */
export const POSTGRES_ADMIN_URL = process.env.PASSWARDEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.PASSWARDEN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether this suite can run; prints why not (test/global-setup.ts already failed the run under CI=true). */
export function servicesFor(file: string): { postgres: boolean; redis: boolean } {
  const postgres = process.env.PASSWARDEN_TEST_POSTGRES === '1';
  const redis = process.env.PASSWARDEN_TEST_REDIS === '1';
  if (!postgres) {
    if (process.env.CI === 'true') throw new Error(`[${file}] PostgreSQL is not reachable and CI=true: failing instead of skipping`);
    process.stderr.write(`[${file}] skipped: PostgreSQL on 127.0.0.1:5432 is not reachable\n`);
  } else if (!redis) {
    process.stderr.write(`[${file}] Redis on 127.0.0.1:6379 is not reachable: the instances share per-IP counters in PostgreSQL instead\n`);
  }
  return { postgres, redis };
}

/** The connection string of another database on the same server. */
function urlOfDatabase(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Runs one query on a short-lived connection to the scratch database. */
  query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;
  drop: () => Promise<void>;
}

async function onAdminConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE <prefix>_<pid>_<random>; drop() removes it, ending any connection still open to it. */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) throw new RangeError(`bad database prefix ${prefix}`);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onAdminConnection((client) => client.query(`create database "${name}"`));
  const url = urlOfDatabase(name);
  return {
    name,
    url,
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () => onAdminConnection(async (client) => void (await client.query(`drop database if exists "${name}" with (force)`))),
  };
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output: () => string;
}

function collect(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

/** Runs the CLI to completion (e.g. `users create … --tenant x`), with `stdin` piped in. */
export function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = collect(child);
  child.stdin?.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output: output() }));
  });
}

/** Starts `passwarden serve` and resolves once GET /readyz answers 200. */
export async function startInstance(name: string, env: Record<string, string>, readyWithinMs = 120_000): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PASSWARDEN_HOST: '127.0.0.1', PASSWARDEN_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { name, base: `http://127.0.0.1:${port}`, child, output: collect(child) };
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`instance ${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${instance.output()}`);
    }
    // The CLI reports a failed start-up as "error: …"; fail now even if the process lingers.
    if (/^error: /m.test(instance.output())) {
      await stopInstance(instance);
      throw new Error(`instance ${name} failed to start:\n${instance.output()}`);
    }
    try {
      const response = await fetch(`${instance.base}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return instance;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopInstance(instance);
  throw new Error(`instance ${name} was not ready within ${readyWithinMs} ms:\n${instance.output()}`);
}

/** SIGTERM (a clean shutdown), SIGKILL if it has not exited within 10 s. */
export async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface Reply {
  status: number;
  json: Record<string, unknown>;
}

export async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}
