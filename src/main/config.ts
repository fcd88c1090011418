import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/** Every setting, parsed and checked once at start-up; nothing else reads the environment. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  publicUrl: string;
  adminUsername: string;
  adminPassword: string | undefined;
  logLevel: string;
  trustProxy: boolean | string;
  argon2: { memoryKiB: number; iterations: number; parallelism: number };
  hashing: { maxInFlight: number; maxQueued: number };
  session: { ttlSeconds: number; idleSeconds: number };
  ipLimit: { points: number; durationSeconds: number };
  commonPasswordsFile: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function text(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function loadConfig(env: Env = process.env): Config {
  const host = text(env, 'PASSWARDEN_HOST') ?? '127.0.0.1';
  const port = integer(env, 'PASSWARDEN_PORT', 8080, 0, 65_535);
  const databaseUrl = text(env, 'PASSWARDEN_DATABASE_URL') ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('PASSWARDEN_DATABASE_URL must start with postgres:// or postgresql://');
  }
  const redisUrl = text(env, 'PASSWARDEN_REDIS_URL') ?? null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('PASSWARDEN_REDIS_URL must start with redis:// or rediss://');
  const logLevel = text(env, 'PASSWARDEN_LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.has(logLevel)) throw new ConfigError(`PASSWARDEN_LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}`);
  const publicUrl = (text(env, 'PASSWARDEN_PUBLIC_URL') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) throw new ConfigError('PASSWARDEN_PUBLIC_URL must be an http(s) URL');
  const trustProxyRaw = text(env, 'PASSWARDEN_TRUST_PROXY');
  const cores = availableParallelism();

  return {
    host,
    port,
    dataDir: resolve(text(env, 'PASSWARDEN_DATA_DIR') ?? './data'),
    databaseUrl,
    redisUrl,
    publicUrl,
    adminUsername: text(env, 'PASSWARDEN_ADMIN_USERNAME') ?? 'admin',
    adminPassword: text(env, 'PASSWARDEN_ADMIN_PASSWORD'),
    logLevel,
    trustProxy: trustProxyRaw === undefined ? false : trustProxyRaw === 'true' ? true : trustProxyRaw,
    // The floor (m=19456 KiB, t=2, p=1) is enforced by the hasher, which refuses to start below it.
    argon2: {
      memoryKiB: integer(env, 'PASSWARDEN_ARGON2_MEMORY_KIB', 19_456, 1, 4_194_304),
      iterations: integer(env, 'PASSWARDEN_ARGON2_ITERATIONS', 2, 1, 100),
      parallelism: integer(env, 'PASSWARDEN_ARGON2_PARALLELISM', 1, 1, 64),
    },
    hashing: {
      maxInFlight: integer(env, 'PASSWARDEN_HASH_CONCURRENCY', cores, 1, 1024),
      maxQueued: integer(env, 'PASSWARDEN_HASH_QUEUE', 64, 0, 100_000),
    },
    session: {
      ttlSeconds: integer(env, 'PASSWARDEN_SESSION_TTL_SECONDS', 8 * 3600, 60, 30 * 86_400),
      idleSeconds: integer(env, 'PASSWARDEN_SESSION_IDLE_SECONDS', 30 * 60, 60, 30 * 86_400),
    },
    ipLimit: {
      points: integer(env, 'PASSWARDEN_IP_LIMIT', 300, 1, 10_000_000),
      durationSeconds: integer(env, 'PASSWARDEN_IP_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    },
    commonPasswordsFile: text(env, 'PASSWARDEN_COMMON_PASSWORDS_FILE'),
  };
}
