import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createHashingGate } from '../../src/core/credentials/hashing-gate.js';
import { DEFAULT_PASSWORD_POLICY } from '../../src/core/credentials/password-policy.js';
import type { BreachedPasswordChecker } from '../../src/core/ports/breached-password-checker.js';
import type { Clock } from '../../src/core/ports/clock.js';
import type { Ports } from '../../src/core/ports/index.js';
import type { PasswordHasher } from '../../src/core/ports/password-hasher.js';
import type { RateLimiter } from '../../src/core/ports/rate-limiter.js';
import type { Store } from '../../src/core/ports/store.js';
import type { StrengthEstimator } from '../../src/core/ports/strength-estimator.js';
import { createFakeStrengthEstimator } from '../../src/core/testing/fakes.js';
import { createMemoryStore } from '../../src/core/testing/memory-store.js';
import { bootstrap } from '../../src/core/use-cases/bootstrap.js';
import { buildApp } from '../../src/adapters/http/build-app.js';
import { loadCommonPasswordList } from '../../src/adapters/common-passwords/load-common-password-list.js';
import { createNodeSecretTokens } from '../../src/adapters/crypto/node-secret-tokens.js';
import { systemClock } from '../../src/adapters/crypto/system-clock.js';
import { createArgon2idHasher, ARGON2ID_DEFAULTS } from '../../src/adapters/hashing/argon2id-hasher.js';
import { createLogger } from '../../src/adapters/logging/create-logger.js';
import type { CommonPasswordList } from '../../src/core/ports/common-password-list.js';

export const ADMIN_USERNAME = 'root-admin';
export const ADMIN_PASSWORD = 'correct horse battery staple admin';
export const PUBLIC_URL = 'http://passwarden.test';

/** Every log line written by every test app in this process, for the no-secrets-in-logs test. */
export const capturedLogs: string[] = [];

let commonList: Promise<CommonPasswordList> | undefined;
const sharedCommonList = () => (commonList ??= loadCommonPasswordList());

export interface TestAppOptions {
  store?: Store;
  clock?: Clock;
  hasher?: PasswordHasher;
  ipLimiter?: RateLimiter;
  /** Default: a deterministic fake (the zxcvbn worker has its own tests). */
  strength?: StrengthEstimator;
  /** Default: none (no breach corpus configured). */
  breach?: BreachedPasswordChecker | null;
  breachFailOpen?: boolean;
  maxInFlight?: number;
  maxQueued?: number;
  logLevel?: string;
}

export interface TestApp {
  app: FastifyInstance;
  ports: Ports;
  store: Store;
  close: () => Promise<void>;
}

/** The hasher createTestApp uses by default (Argon2id at production parameters), for tests that wrap it. */
export const createDefaultTestHasher = (): PasswordHasher => createArgon2idHasher(ARGON2ID_DEFAULTS);

const allowAll: RateLimiter = { consume: async () => ({ allowed: true }) };

/** The real HTTP app over an in-memory store and the real Argon2id hasher at production parameters. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = options.store ?? createMemoryStore();
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      capturedLogs.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level: options.logLevel ?? 'trace', destination: sink });
  const ports: Ports = {
    tenants: store.tenants,
    users: store.users,
    credentials: store.credentials,
    sessions: store.sessions,
    throttle: store.throttle,
    audit: store.audit,
    hasher: createHashingGate(options.hasher ?? createArgon2idHasher(ARGON2ID_DEFAULTS), {
      maxInFlight: options.maxInFlight ?? 2,
      maxQueued: options.maxQueued ?? 256,
      retryAfterSeconds: 1,
    }),
    tokens: createNodeSecretTokens(),
    clock: options.clock ?? systemClock,
    ipLimiter: options.ipLimiter ?? allowAll,
    commonPasswords: await sharedCommonList(),
    strength: options.strength ?? createFakeStrengthEstimator(),
    breach: options.breach ?? null,
    settings: { session: { ttlSeconds: 8 * 3600, idleSeconds: 1800 }, productName: 'passwarden', maxLiveSessionsPerUser: 100, breachFailOpen: options.breachFailOpen ?? false },
  };
  await bootstrap(ports, { adminUsername: ADMIN_USERNAME, adminPassword: ADMIN_PASSWORD });
  const app = await buildApp({ ports, logger, publicUrl: PUBLIC_URL, ready: () => store.ping(), trustProxy: false });
  await app.ready();
  return { app, ports, store, close: async () => { await app.close(); await store.close(); } };
}

export { DEFAULT_PASSWORD_POLICY };

export function json(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json() as Record<string, unknown>;
}

/** Logs in through the native API and returns the bearer token. */
export async function logIn(app: FastifyInstance, username: string, password: string, tenant?: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { username, password, ...(tenant ? { tenant } : {}) } });
  if (response.statusCode !== 201) throw new Error(`log-in failed for ${username}: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Creates a user with a permanent password through the native API as the bootstrap admin. */
export async function createUserVia(
  app: FastifyInstance,
  adminToken: string,
  body: { username: string; password?: string; roles?: string[]; email?: string; displayName?: string; temporary?: boolean },
): Promise<{ id: string }> {
  const response = await app.inject({ method: 'POST', url: '/v1/users', headers: bearer(adminToken), payload: { temporary: false, ...body } });
  if (response.statusCode !== 201) throw new Error(`create user failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string };
}
