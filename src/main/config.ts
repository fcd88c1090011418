import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/** Every setting, parsed and checked once at start-up; nothing else reads the environment. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL when set; SQLite under `dataDir` otherwise. */
  databaseUrl: string | null;
  /** Most PostgreSQL connections open at once per instance. */
  databasePoolSize: number;
  /** The PostgreSQL schema to use (created if missing); the connection's search_path when unset. */
  databaseSchema: string | undefined;
  /** Per-IP rate-limit counters live in Redis when set, in the database otherwise. */
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
  /** Optional Argon2id pepper: the key new hashes use, and older keys whose hashes still verify. */
  pepper: PepperConfig | null;
  breach: BreachConfig;
}

/** Where breached passwords are looked up: the range API (or a mirror), a local index, or nowhere. */
export interface BreachConfig {
  /** Base URL of the Pwned Passwords range API or a mirror; `/range/<prefix>` is appended. */
  apiUrl: string | null;
  /** An index built by `passwarden breach import`, for air-gapped deployments. */
  corpusFile: string | null;
  /** Accept a password when the corpus cannot answer (default: refuse it, fail-closed). */
  failOpen: boolean;
  timeoutMs: number;
}

export interface PepperKeyConfig {
  id: string;
  secret: Uint8Array;
}

export interface PepperConfig {
  current: PepperKeyConfig;
  previous: PepperKeyConfig[];
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

/** A setting given directly or, with the `_FILE` suffix, as the path of a file holding it (for secrets). */
function secretText(env: Env, name: string): string | undefined {
  const direct = text(env, name);
  const file = text(env, `${name}_FILE`);
  if (direct !== undefined && file !== undefined) throw new ConfigError(`set ${name} or ${name}_FILE, not both`);
  if (file === undefined) return direct;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${name}_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
}

export const PEPPER_MIN_BYTES = 32;
const PEPPER_ID = /^[A-Za-z0-9._-]{1,8}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function pepperKey(name: string, id: string, base64: string): PepperKeyConfig {
  if (!PEPPER_ID.test(id)) throw new ConfigError(`${name}: pepper id must be 1 to 8 of A-Z a-z 0-9 . _ -, got "${id}"`);
  if (!BASE64.test(base64)) throw new ConfigError(`${name}: pepper "${id}" must be base64`);
  const secret = Buffer.from(base64, 'base64');
  if (secret.length < PEPPER_MIN_BYTES) {
    throw new ConfigError(`${name}: pepper "${id}" must be at least ${PEPPER_MIN_BYTES} bytes (base64 of ${secret.length} given)`);
  }
  return { id, secret: new Uint8Array(secret) };
}

/**
 * PASSWARDEN_PEPPER (base64, ≥ 32 bytes) or PASSWARDEN_PEPPER_FILE, named PASSWARDEN_PEPPER_ID
 * (default k1); PASSWARDEN_PREVIOUS_PEPPERS (or _FILE): `id:base64` separated by commas or whitespace.
 */
function loadPepper(env: Env): PepperConfig | null {
  const currentText = secretText(env, 'PASSWARDEN_PEPPER');
  const previousText = secretText(env, 'PASSWARDEN_PREVIOUS_PEPPERS');
  if (currentText === undefined) {
    if (previousText !== undefined) throw new ConfigError('PASSWARDEN_PREVIOUS_PEPPERS needs PASSWARDEN_PEPPER');
    return null;
  }
  const current = pepperKey('PASSWARDEN_PEPPER', text(env, 'PASSWARDEN_PEPPER_ID') ?? 'k1', currentText);
  const previous = (previousText ?? '')
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon < 0) throw new ConfigError('PASSWARDEN_PREVIOUS_PEPPERS entries are id:base64');
      return pepperKey('PASSWARDEN_PREVIOUS_PEPPERS', entry.slice(0, colon), entry.slice(colon + 1));
    });
  const ids = [current.id, ...previous.map((key) => key.id)];
  if (new Set(ids).size !== ids.length) throw new ConfigError('pepper ids must be different from each other');
  return { current, previous };
}

function loadBreach(env: Env): BreachConfig {
  const apiUrl = text(env, 'PASSWARDEN_BREACH_API_URL')?.replace(/\/+$/, '') ?? null;
  if (apiUrl !== null && !/^https?:\/\/./.test(apiUrl)) throw new ConfigError('PASSWARDEN_BREACH_API_URL must be an http(s) URL');
  const corpusFile = text(env, 'PASSWARDEN_BREACH_CORPUS_FILE') ?? null;
  if (apiUrl !== null && corpusFile !== null) throw new ConfigError('set PASSWARDEN_BREACH_API_URL or PASSWARDEN_BREACH_CORPUS_FILE, not both');
  const failOpen = text(env, 'PASSWARDEN_BREACH_FAIL_OPEN') ?? 'false';
  if (failOpen !== 'true' && failOpen !== 'false') throw new ConfigError(`PASSWARDEN_BREACH_FAIL_OPEN must be true or false, got "${failOpen}"`);
  return {
    apiUrl,
    corpusFile: corpusFile === null ? null : resolve(corpusFile),
    failOpen: failOpen === 'true',
    timeoutMs: integer(env, 'PASSWARDEN_BREACH_TIMEOUT_MS', 2000, 100, 60_000),
  };
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function loadConfig(env: Env = process.env): Config {
  const host = text(env, 'PASSWARDEN_HOST') ?? '127.0.0.1';
  const port = integer(env, 'PASSWARDEN_PORT', 8080, 0, 65_535);
  const databaseUrl = text(env, 'PASSWARDEN_DATABASE_URL') ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('PASSWARDEN_DATABASE_URL must start with postgres:// or postgresql://');
  }
  const databaseSchema = text(env, 'PASSWARDEN_DATABASE_SCHEMA');
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new ConfigError('PASSWARDEN_DATABASE_SCHEMA must be lower-case letters, digits and _ (at most 63, not starting with a digit)');
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
    databasePoolSize: integer(env, 'PASSWARDEN_DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseSchema,
    redisUrl,
    publicUrl,
    adminUsername: text(env, 'PASSWARDEN_ADMIN_USERNAME') ?? 'admin',
    adminPassword: text(env, 'PASSWARDEN_ADMIN_PASSWORD'),
    logLevel,
    trustProxy: trustProxyRaw === undefined || trustProxyRaw === 'false' ? false : trustProxyRaw === 'true' ? true : trustProxyRaw,
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
    pepper: loadPepper(env),
    breach: loadBreach(env),
  };
}
