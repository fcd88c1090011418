import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import { createHashingGate } from '../core/credentials/hashing-gate.js';
import type { BreachedPasswordChecker } from '../core/ports/breached-password-checker.js';
import type { Ports } from '../core/ports/index.js';
import type { Store } from '../core/ports/store.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import { createLocalBreachCorpus } from '../adapters/breach/local-breach-corpus.js';
import { createPwnedPasswordsChecker } from '../adapters/breach/pwned-passwords-checker.js';
import { loadCommonPasswordList } from '../adapters/common-passwords/load-common-password-list.js';
import { createNodeSecretTokens } from '../adapters/crypto/node-secret-tokens.js';
import { systemClock } from '../adapters/crypto/system-clock.js';
import { createArgon2idHasher } from '../adapters/hashing/argon2id-hasher.js';
import { createCompositeHasher } from '../adapters/hashing/composite-hasher.js';
import { createLegacyVerifiers } from '../adapters/hashing/legacy/index.js';
import type { Redis } from 'ioredis';
import { connectRedis } from '../adapters/rate-limit/connect-redis.js';
import { createPostgresRateLimiter } from '../adapters/rate-limit/postgres-rate-limiter.js';
import type { RateLimitOptions } from '../adapters/rate-limit/rate-limiter-flexible-consume.js';
import { createRedisRateLimiter } from '../adapters/rate-limit/redis-rate-limiter.js';
import { createMemoryRateLimiter } from '../adapters/rate-limit/memory-rate-limiter.js';
import { openPostgresStore } from '../adapters/storage/postgres/postgres-store.js';
import { openSqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { createZxcvbnStrengthEstimator } from '../adapters/strength/zxcvbn-strength-estimator.js';
import type { Config } from './config.js';

export const PRODUCT_NAME = 'passwarden';

export interface Container {
  ports: Ports;
  store: Store;
  hashingStats: () => { inFlight: number; queued: number; refused: number };
  close: () => Promise<void>;
}

/** A store, and the per-IP limiter suited to it (shared through the database when instances can share it). */
interface OpenedDatabase {
  store: Store;
  createIpLimiter: (options: RateLimitOptions) => Promise<RateLimiter>;
}

const IP_LIMIT_TABLE = 'rate_limit';
const IP_LIMIT_KEY_PREFIX = 'ip';

/**
 * PostgreSQL when PASSWARDEN_DATABASE_URL is set, SQLite under the data directory otherwise. An
 * unreachable server, or a schema migrated by a newer version, fails here with a message that says so.
 */
async function openDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl !== null) {
    const store = await openPostgresStore({ connectionString: config.databaseUrl, poolSize: config.databasePoolSize, schema: config.databaseSchema });
    return { store, createIpLimiter: (options) => createPostgresRateLimiter(store.pool, { ...options, tableName: IP_LIMIT_TABLE, keyPrefix: IP_LIMIT_KEY_PREFIX }) };
  }
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const store = await openSqliteStore({ file: join(config.dataDir, 'passwarden.db') });
  // SQLite serves a single instance, and better-sqlite3 writes synchronously with synchronous=FULL: a
  // durable per-IP counter would cost one fsync on the event loop per attempt for nothing another
  // instance could read. The counters live in this process's memory instead.
  return { store, createIpLimiter: async (options) => createMemoryRateLimiter(options) };
}

/** Opens the store the configuration names (SQLite under the data directory by default). */
export async function openStore(config: Config): Promise<Store> {
  return (await openDatabase(config)).store;
}

/** The range API (or a mirror) when configured, else the local index when configured, else none. */
async function openBreachChecker(config: Config, logger: Logger): Promise<{ checker: BreachedPasswordChecker | null; close: () => Promise<void> }> {
  // Logged here, whether or not the deployment then fails open; never with the password or its hash.
  const onError = (error: Error) => logger.warn({ err: error }, 'breach check failed');
  if (config.breach.apiUrl !== null) {
    return { checker: createPwnedPasswordsChecker({ baseUrl: config.breach.apiUrl, timeoutMs: config.breach.timeoutMs, onError }), close: async () => {} };
  }
  if (config.breach.corpusFile !== null) {
    const corpus = await createLocalBreachCorpus(config.breach.corpusFile, { onError });
    return { checker: corpus, close: () => corpus.close() };
  }
  return { checker: null, close: async () => {} };
}

/** The one place that chooses adapters and wires them into the ports the core uses. */
export async function createContainer(config: Config, logger: Logger): Promise<Container> {
  const { store, createIpLimiter } = await openDatabase(config);
  let redis: Redis | undefined;
  let closeBreach = async (): Promise<void> => {};
  try {
    // Argon2id (peppered when configured) for new hashes; imported formats verify, then rehash at log-in.
    const hasher = createCompositeHasher(createArgon2idHasher(config.argon2, { pepper: config.pepper ?? undefined }), createLegacyVerifiers());
    const gate = createHashingGate(hasher, {
      maxInFlight: config.hashing.maxInFlight,
      maxQueued: config.hashing.maxQueued,
      retryAfterSeconds: 1,
    });
    // Counters every instance shares: in Redis when configured, else in the database.
    let ipLimiter: RateLimiter;
    if (config.redisUrl === null) {
      ipLimiter = await createIpLimiter(config.ipLimit);
    } else {
      redis = await connectRedis(config.redisUrl, { onError: (error) => logger.warn({ err: error }, 'Redis connection error') });
      ipLimiter = createRedisRateLimiter(redis, { ...config.ipLimit, keyPrefix: 'passwarden:rl:ip' });
    }
    const commonPasswords = await loadCommonPasswordList(config.commonPasswordsFile);
    const breach = await openBreachChecker(config, logger);
    closeBreach = breach.close;
    const strength = createZxcvbnStrengthEstimator();
    const ports: Ports = {
      tenants: store.tenants,
      users: store.users,
      credentials: store.credentials,
      sessions: store.sessions,
      throttle: store.throttle,
      audit: store.audit,
      hasher: gate,
      tokens: createNodeSecretTokens(),
      clock: systemClock,
      ipLimiter,
      commonPasswords,
      strength,
      breach: breach.checker,
      settings: { session: config.session, productName: PRODUCT_NAME, maxLiveSessionsPerUser: 100, breachFailOpen: config.breach.failOpen },
    };
    const connection = redis;
    const close = async (): Promise<void> => {
      try {
        await strength.close();
        await closeBreach();
        // quit() waits for pending replies; a connection already lost is just dropped.
        await connection?.quit().catch(() => connection.disconnect());
      } finally {
        // Also ends the PostgreSQL pool, which the database rate limiter shares.
        await store.close();
      }
    };
    return { ports, store, hashingStats: () => gate.stats(), close };
  } catch (error) {
    redis?.disconnect();
    await closeBreach();
    await store.close();
    throw error;
  }
}
