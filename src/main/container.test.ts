import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../adapters/logging/create-logger.js';
import { loadConfig } from './config.js';
import { createContainer, type Container } from './container.js';

// test/global-setup.ts probed both services once and has already failed the run under CI=true if one is down.
const TEST_URL = process.env.PASSWARDEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresUp = process.env.PASSWARDEN_TEST_POSTGRES === '1';
const redisUp = process.env.PASSWARDEN_TEST_REDIS === '1';
for (const [up, name] of [
  [postgresUp, 'PostgreSQL on 127.0.0.1:5432'],
  [redisUp, 'Redis on 127.0.0.1:6379'],
] as const) {
  if (up) continue;
  if (process.env.CI === 'true') throw new Error(`${name} is not reachable and CI=true: failing instead of skipping`);
  process.stderr.write(`[container.test] ${name} is not reachable: its cases are skipped\n`);
}

const logger = createLogger({ level: 'silent' });
let dataDir: string;
const containers: Container[] = [];
const schemas: string[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function config(env: Record<string, string> = {}) {
  return loadConfig({ PASSWARDEN_DATA_DIR: dataDir, PASSWARDEN_IP_LIMIT: '2', ...env });
}

async function start(env: Record<string, string> = {}): Promise<Container> {
  const container = await createContainer(config(env), logger);
  containers.push(container);
  return container;
}

function schema(): string {
  const name = `pw_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  schemas.push(name);
  return name;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'passwarden-container-'));
});
afterEach(async () => {
  for (const container of containers.splice(0)) await container.close();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  if (postgresUp) await admin(async (client) => {
    for (const name of schemas) await client.query(`drop schema if exists "${name}" cascade`);
  });
});

describe('createContainer', () => {
  it('defaults to SQLite and keeps the per-IP counters in its database', async () => {
    const container = await start();
    const ip = `198.51.100.${randomBytes(1)[0]}`;
    expect(await container.ports.ipLimiter.consume(ip)).toEqual({ allowed: true });
    expect(await container.ports.ipLimiter.consume(ip)).toEqual({ allowed: true });
    expect((await container.ports.ipLimiter.consume(ip)).allowed).toBe(false);
    await container.store.ping();
  });

  it('fails start-up naming an unreachable PostgreSQL, without its password', async () => {
    const error: unknown = await createContainer(config({ PASSWARDEN_DATABASE_URL: 'postgres://app:hunter2-secret@127.0.0.1:1/passwarden' }), logger).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/passwarden: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('fails start-up naming an unreachable Redis, without its password', async () => {
    const error: unknown = await createContainer(config({ PASSWARDEN_REDIS_URL: 'redis://:hunter2-secret@127.0.0.1:1' }), logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^cannot reach Redis at 127\.0\.0\.1:1\/0: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  describe.skipIf(!postgresUp)('with PASSWARDEN_DATABASE_URL (needs PostgreSQL on 127.0.0.1:5432)', () => {
    it('uses PostgreSQL in the configured schema, and keeps the per-IP counters there', async () => {
      const name = schema();
      const container = await start({ PASSWARDEN_DATABASE_URL: TEST_URL, PASSWARDEN_DATABASE_SCHEMA: name, PASSWARDEN_DATABASE_POOL_SIZE: '3' });
      for (let i = 0; i < 2; i += 1) expect(await container.ports.ipLimiter.consume('203.0.113.7')).toEqual({ allowed: true });
      expect((await container.ports.ipLimiter.consume('203.0.113.7')).allowed).toBe(false);
      const { rows } = await admin((client) => client.query<{ key: string; points: number }>(`select key, points from "${name}".rate_limit`));
      expect(rows).toEqual([{ key: 'ip:203.0.113.7', points: 3 }]);
    });

    it('ends the pool on close', async () => {
      const container = await createContainer(config({ PASSWARDEN_DATABASE_URL: TEST_URL, PASSWARDEN_DATABASE_SCHEMA: schema() }), logger);
      await container.close();
      await expect(container.store.ping()).rejects.toThrow();
    });

    it('refuses a schema migrated by a newer version, naming the unknown migration', async () => {
      const name = schema();
      await (await createContainer(config({ PASSWARDEN_DATABASE_URL: TEST_URL, PASSWARDEN_DATABASE_SCHEMA: name }), logger)).close();
      await admin((client) => client.query(`insert into "${name}".schema_migrations (name, timestamp) values ('9999_from_the_future', now()::text)`));
      await expect(createContainer(config({ PASSWARDEN_DATABASE_URL: TEST_URL, PASSWARDEN_DATABASE_SCHEMA: name }), logger)).rejects.toThrow(
        /schema is newer than this version.*9999_from_the_future/,
      );
    });
  });

  describe.skipIf(!redisUp)('with PASSWARDEN_REDIS_URL (needs Redis on 127.0.0.1:6379)', () => {
    it('keeps the per-IP counters in Redis and closes its connection on close', async () => {
      const container = await createContainer(config({ PASSWARDEN_REDIS_URL: 'redis://127.0.0.1:6379' }), logger);
      const ip = `test-${randomBytes(8).toString('hex')}`;
      const redis = new Redis('redis://127.0.0.1:6379');
      try {
        const before = Number((await redis.info('clients')).match(/connected_clients:(\d+)/)?.[1]);
        expect(await container.ports.ipLimiter.consume(ip)).toEqual({ allowed: true });
        expect(await redis.exists(`passwarden:rl:ip:${ip}`)).toBe(1);
        await container.close();
        const after = Number((await redis.info('clients')).match(/connected_clients:(\d+)/)?.[1]);
        expect(after).toBe(before - 1);
        await redis.del(`passwarden:rl:ip:${ip}`);
      } finally {
        await redis.quit();
      }
    });
  });
});
