// Benchmark: raw Argon2id rate of this machine, then password changes per second through the HTTP API
// at several concurrencies, then a burst of concurrent changes. Prints one table; all ratios come from
// this one run. `--quick` is the short mode CI runs; the default is the full measurement.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';

const quick = process.argv.includes('--quick');
const cores = availableParallelism();
const PHASE_SECONDS = quick ? 2 : 10;
const BURST = quick ? 200 : 1000;
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 as const };
const ADMIN = { username: 'bench-admin', password: 'bench administrator passphrase' };

type Stats = { eventLoopP99Ms: number; eventLoopMaxMs: number; peakRssMiB: number; hashing: { refused: number } };

async function rawHashRate(seconds: number): Promise<number> {
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: cores }, async () => {
      while (performance.now() < deadline) {
        await hash('raw benchmark password', ARGON2);
        done += 1;
      }
    }),
  );
  return done / seconds;
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

async function call(url: string, method: string, body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown>; retryAfter: string | null }> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, retryAfter: response.headers.get('retry-after') };
}

interface Worker {
  username: string;
  token: string;
  current: string;
  other: string;
}

async function makeWorkers(base: string, adminToken: string, count: number, prefix: string): Promise<Worker[]> {
  const workers: Worker[] = [];
  for (let start = 0; start < count; start += cores * 4) {
    const batch = Array.from({ length: Math.min(cores * 4, count - start) }, (_, i) => start + i);
    workers.push(
      ...(await Promise.all(
        batch.map(async (i) => {
          const username = `${prefix}-${i}`;
          const current = `first benchmark passphrase ${i}`;
          const created = await call(`${base}/v1/users`, 'POST', { username, password: current, temporary: false }, adminToken);
          if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.json)}`);
          const session = await call(`${base}/v1/sessions`, 'POST', { username, password: current });
          return { username, token: session.json.token as string, current, other: `second benchmark passphrase ${i}` };
        }),
      )),
    );
  }
  return workers;
}

async function change(base: string, worker: Worker): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const started = performance.now();
  const result = await call(`${base}/v1/me/password`, 'PUT', { currentPassword: worker.current, newPassword: worker.other }, worker.token);
  const ms = performance.now() - started;
  if (result.status === 200) {
    worker.token = result.json.token as string;
    [worker.current, worker.other] = [worker.other, worker.current];
  }
  return { status: result.status, ms, retryAfter: result.retryAfter };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  console.log(`passwarden benchmark (${quick ? 'quick' : 'full'} mode) on ${cores} cores, Node ${process.version}`);
  const raw = await rawHashRate(quick ? 2 : 5);
  console.log(`raw Argon2id (m=19456 KiB, t=2, p=1) at concurrency ${cores}: ${raw.toFixed(1)} hashes/s`);

  const dataDir = await mkdtemp(join(tmpdir(), 'passwarden-bench-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = fork(join(import.meta.dirname, 'server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      PASSWARDEN_DATA_DIR: dataDir,
      PASSWARDEN_PORT: String(port),
      PASSWARDEN_ADMIN_USERNAME: ADMIN.username,
      PASSWARDEN_ADMIN_PASSWORD: ADMIN.password,
      PASSWARDEN_LOG_LEVEL: 'warn',
      PASSWARDEN_IP_LIMIT: '10000000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('message', (message: Record<string, unknown>) => resolve(message));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const base = String(ready.url);
    const adminToken = (await call(`${base}/v1/sessions`, 'POST', ADMIN)).json.token as string;
    const levels = [1, 2 * cores, 64];
    const workers = await makeWorkers(base, adminToken, Math.max(...levels), 'steady');

    const rows: string[][] = [];
    for (const concurrency of levels) {
      await request(child, { type: 'reset' }, 'reset');
      const latencies: number[] = [];
      let ok = 0;
      let other = 0;
      const deadline = performance.now() + PHASE_SECONDS * 1000;
      const started = performance.now();
      await Promise.all(
        workers.slice(0, concurrency).map(async (worker) => {
          while (performance.now() < deadline) {
            const result = await change(base, worker);
            latencies.push(result.ms);
            if (result.status === 200) ok += 1;
            else other += 1;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      const stats = (await request(child, { type: 'read' }, 'stats')) as unknown as Stats;
      latencies.sort((a, b) => a - b);
      const perSecond = ok / elapsed;
      rows.push([
        String(concurrency),
        perSecond.toFixed(1),
        (perSecond / (raw / 2)).toFixed(2),
        percentile(latencies, 50).toFixed(1),
        percentile(latencies, 99).toFixed(1),
        stats.eventLoopP99Ms.toFixed(1),
        stats.peakRssMiB.toFixed(0),
        String(other),
      ]);
    }

    const burstWorkers = await makeWorkers(base, adminToken, BURST, 'burst');
    await request(child, { type: 'reset' }, 'reset');
    const burst = await Promise.all(burstWorkers.map((worker) => change(base, worker)));
    const burstStats = (await request(child, { type: 'read' }, 'stats')) as unknown as Stats;
    const counts = new Map<number, number>();
    for (const result of burst) counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
    const unexpected = burst.filter((r) => !(r.status === 200 || (r.status === 503 && r.retryAfter !== null)));

    console.log('\n| concurrency | changes/s | efficiency | p50 ms | p99 ms | event-loop p99 ms | peak RSS MiB | non-200 |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(`\nefficiency = changes/s ÷ (raw hashes/s ÷ 2); raw = ${raw.toFixed(1)} hashes/s (each change verifies the current password and hashes the new one)`);
    console.log(
      `burst of ${BURST} concurrent changes: ${[...counts].map(([s, n]) => `${n} × ${s}`).join(', ')}; ` +
        `peak RSS ${burstStats.peakRssMiB.toFixed(0)} MiB; event-loop p99 ${burstStats.eventLoopP99Ms.toFixed(1)} ms; ` +
        `responses other than 200 or 503+Retry-After: ${unexpected.length}`,
    );
    const target = rows[1];
    console.log('\ntargets (reported, not asserted):');
    console.log(`  efficiency at ${2 * cores} concurrent ≥ 0.9: ${target?.[2]}`);
    console.log(`  event-loop p99 at saturation < 20 ms: ${rows.map((r) => r[5]).join(' / ')} ms`);
    console.log(`  burst peak RSS < 300 MiB: ${burstStats.peakRssMiB.toFixed(0)} MiB; every response 200 or 503+Retry-After: ${unexpected.length === 0}`);
    if (unexpected.length > 0) process.exitCode = 1;
  } finally {
    if (child.exitCode === null && child.connected) {
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
