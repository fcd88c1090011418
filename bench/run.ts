// Benchmark: raw Argon2id rate of this machine, then password changes per second through the HTTP API
// at several concurrencies, then a burst of concurrent changes. Every ratio comes from this one run.
//
//   --quick            the short mode CI runs (the default is the full measurement)
//   --postgres         against PostgreSQL (a database created for the run and dropped afterwards)
//   --instances N      N servers sharing that PostgreSQL, requests spread round-robin over them
//   --redis            per-IP counters in Redis (PASSWARDEN_BENCH_REDIS_URL, default redis://127.0.0.1:6379)
//   --all              SQLite, PostgreSQL, and PostgreSQL with three instances, one table each
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { startCluster, type Cluster, type ClusterOptions } from './cluster.js';
import { CPU_PARTS, cpuPerChange, cpuSnapshot, type CpuPart } from './cpu-accounting.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    instances: { type: 'string' },
    redis: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
  },
  strict: true,
});

const quick = args.quick;
const cores = availableParallelism();
const PHASE_SECONDS = quick ? 2 : 10;
const BURST = quick ? 200 : 1000;
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 as const };
const ADMIN = { username: 'bench-admin', password: 'bench administrator passphrase' };
const REDIS_URL = process.env.PASSWARDEN_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVER_ENV = {
  PASSWARDEN_ADMIN_USERNAME: ADMIN.username,
  PASSWARDEN_ADMIN_PASSWORD: ADMIN.password,
  PASSWARDEN_LOG_LEVEL: 'warn',
  PASSWARDEN_IP_LIMIT: '10000000',
};

interface Mode {
  title: string;
  cluster: ClusterOptions;
}

function modes(): Mode[] {
  const redisUrl = args.redis ? REDIS_URL : null;
  const mode = (store: 'sqlite' | 'postgres', instances: number): Mode => ({
    title: `${store === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${instances} instance${instances === 1 ? '' : 's'}`,
    cluster: { store, instances, redisUrl, env: SERVER_ENV },
  });
  if (args.all) return [mode('sqlite', 1), mode('postgres', 1), mode('postgres', 3)];
  const instances = args.instances === undefined ? 1 : Number(args.instances);
  if (!Number.isSafeInteger(instances) || instances < 1 || instances > 16) throw new RangeError(`--instances must be 1 to 16, got ${args.instances}`);
  // Several instances only make sense over a shared database.
  return [mode(args.postgres || instances > 1 ? 'postgres' : 'sqlite', instances)];
}

/** Hashes/s at `cores` at a time, after a warm-up: the first second of a fresh process runs slower. */
async function rawHashRate(seconds: number): Promise<number> {
  await hashFor(1);
  return (await hashFor(seconds)) / seconds;
}

async function hashFor(seconds: number): Promise<number> {
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
  return done;
}

// node:http with keep-alive rather than fetch: the load generator shares the cores with the servers,
// and fetch spent about three times the CPU per request here.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function call(url: string, method: string, body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown>; retryAfter: string | null }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Hands out the servers in turn, so the load is spread round-robin over every instance. */
function roundRobin(bases: string[]): () => string {
  let next = 0;
  return () => bases[next++ % bases.length] as string;
}

interface Worker {
  username: string;
  token: string;
  current: string;
  other: string;
}

async function makeWorkers(base: () => string, adminToken: string, count: number, prefix: string): Promise<Worker[]> {
  const workers: Worker[] = [];
  for (let start = 0; start < count; start += cores * 4) {
    const batch = Array.from({ length: Math.min(cores * 4, count - start) }, (_, i) => start + i);
    workers.push(
      ...(await Promise.all(
        batch.map(async (i) => {
          const username = `${prefix}-${i}`;
          const current = `first benchmark passphrase ${i}`;
          const created = await call(`${base()}/v1/users`, 'POST', { username, password: current, temporary: false }, adminToken);
          if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.json)}`);
          const session = await call(`${base()}/v1/sessions`, 'POST', { username, password: current });
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
/** Over several instances: the worst event-loop delay, and the sum of their peak memory. */
const worstLoopP99 = (stats: { eventLoopP99Ms: number }[]) => Math.max(...stats.map((s) => s.eventLoopP99Ms));
const totalPeakRss = (stats: { peakRssMiB: number }[]) => stats.reduce((sum, s) => sum + s.peakRssMiB, 0);

async function measure(cluster: Cluster, raw: number): Promise<{ efficiency: string | undefined; ok: boolean }> {
  const next = roundRobin(cluster.bases);
  const adminToken = (await call(`${cluster.bases[0]}/v1/sessions`, 'POST', ADMIN)).json.token as string;
  const levels = [1, 2 * cores, 64];
  const workers = await makeWorkers(next, adminToken, Math.max(...levels), 'steady');

  const rows: string[][] = [];
  const cpu: (Map<CpuPart, number> | null)[] = [];
  for (const concurrency of levels) {
    await cluster.reset();
    const cpuBefore = cpuSnapshot(cluster.pids);
    const latencies: number[] = [];
    let ok = 0;
    let other = 0;
    const deadline = performance.now() + PHASE_SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      workers.slice(0, concurrency).map(async (worker) => {
        while (performance.now() < deadline) {
          const result = await change(next(), worker);
          latencies.push(result.ms);
          if (result.status === 200) ok += 1;
          else other += 1;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    cpu.push(cpuPerChange(cpuBefore, cpuSnapshot(cluster.pids), ok));
    const stats = await cluster.stats();
    latencies.sort((a, b) => a - b);
    const perSecond = ok / elapsed;
    rows.push([
      String(concurrency),
      perSecond.toFixed(1),
      (perSecond / (raw / 2)).toFixed(2),
      percentile(latencies, 50).toFixed(1),
      percentile(latencies, 99).toFixed(1),
      worstLoopP99(stats).toFixed(1),
      totalPeakRss(stats).toFixed(0),
      String(other),
    ]);
  }

  const burstWorkers = await makeWorkers(next, adminToken, BURST, 'burst');
  await cluster.reset();
  const burst = await Promise.all(burstWorkers.map((worker) => change(next(), worker)));
  const burstStats = await cluster.stats();
  const counts = new Map<number, number>();
  for (const result of burst) counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
  const unexpected = burst.filter((r) => !(r.status === 200 || (r.status === 503 && r.retryAfter !== null)));
  const several = cluster.bases.length > 1;
  const perInstanceRss = burstStats.map((s) => s.peakRssMiB.toFixed(0)).join(' + ');

  console.log(`\n| concurrency | changes/s | efficiency | p50 ms | p99 ms | event-loop p99 ms${several ? ' (worst)' : ''} | peak RSS MiB${several ? ' (sum)' : ''} | non-200 |`);
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nefficiency = changes/s ÷ (raw hashes/s ÷ 2); raw = ${raw.toFixed(1)} hashes/s (each change verifies the current password and hashes the new one)`);
  printCpuTable(levels, cpu, raw);
  console.log(
    `burst of ${BURST} concurrent changes: ${[...counts].map(([s, n]) => `${n} × ${s}`).join(', ')}; ` +
      `peak RSS ${several ? `${perInstanceRss} = ` : ''}${totalPeakRss(burstStats).toFixed(0)} MiB; event-loop p99 ${worstLoopP99(burstStats).toFixed(1)} ms; ` +
      `responses other than 200 or 503+Retry-After: ${unexpected.length}`,
  );
  const target = rows[1];
  console.log('\ntargets (reported, not asserted):');
  console.log(`  efficiency at ${2 * cores} concurrent ≥ 0.9: ${target?.[2]}`);
  console.log(`  event-loop p99 at saturation < 20 ms: ${rows.map((r) => r[5]).join(' / ')} ms`);
  console.log(
    `  burst peak RSS < 300 MiB${several ? ' per instance' : ''}: ${several ? perInstanceRss : totalPeakRss(burstStats).toFixed(0)} MiB; ` +
      `every response 200 or 503+Retry-After: ${unexpected.length === 0}`,
  );
  return { efficiency: target?.[2], ok: unexpected.length === 0 };
}

/**
 * CPU milliseconds per change by where they ran. At the raw rate two hashes cost 2 × cores ÷ raw
 * seconds of CPU; at efficiency e the machine's cores ÷ (changes/s) per change is that ÷ e, and the
 * rows below say where the difference went.
 */
function printCpuTable(levels: number[], cpu: (Map<CpuPart, number> | null)[], raw: number): void {
  if (cpu.some((entry) => entry === null)) return; // not Linux: nothing to read
  const cell = (value: number) => value.toFixed(1);
  console.log(`\n| CPU ms per change | ${levels.map((level) => `concurrency ${level}`).join(' | ')} |`);
  console.log(`| --- | ${levels.map(() => '---:').join(' | ')} |`);
  for (const part of CPU_PARTS) console.log(`| ${part} | ${cpu.map((entry) => cell(entry?.get(part) ?? 0)).join(' | ')} |`);
  const totals = cpu.map((entry) => [...(entry?.values() ?? [])].reduce((sum, value) => sum + value, 0));
  console.log(`| total | ${totals.map(cell).join(' | ')} |`);
  console.log(`| two hashes at the raw rate | ${levels.map(() => cell((2 * cores * 1000) / raw)).join(' | ')} |`);
}

async function main(): Promise<void> {
  console.log(`passwarden benchmark (${quick ? 'quick' : 'full'} mode) on ${cores} cores, Node ${process.version}`);
  const raw = await rawHashRate(quick ? 2 : 5);
  console.log(`raw Argon2id (m=19456 KiB, t=2, p=1) at concurrency ${cores}: ${raw.toFixed(1)} hashes/s`);

  const summary: string[] = [];
  for (const mode of modes()) {
    const cluster = await startCluster(mode.cluster);
    try {
      console.log(`\n## ${mode.title}: ${cluster.description}`);
      const result = await measure(cluster, raw);
      summary.push(`${mode.title}: efficiency at ${2 * cores} concurrent ${result.efficiency}`);
      if (!result.ok) process.exitCode = 1;
    } finally {
      await cluster.stop();
    }
  }
  if (summary.length > 1) console.log(`\nsummary (same raw rate ${raw.toFixed(1)} hashes/s):\n  ${summary.join('\n  ')}`);
}

await main();
