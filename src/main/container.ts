import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import { createHashingGate } from '../core/credentials/hashing-gate.js';
import type { Ports } from '../core/ports/index.js';
import type { Store } from '../core/ports/store.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import { loadCommonPasswordList } from '../adapters/common-passwords/load-common-password-list.js';
import { createNodeSecretTokens } from '../adapters/crypto/node-secret-tokens.js';
import { systemClock } from '../adapters/crypto/system-clock.js';
import { createArgon2idHasher } from '../adapters/hashing/argon2id-hasher.js';
import { createMemoryRateLimiter } from '../adapters/rate-limit/memory-rate-limiter.js';
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

/** Opens the store the configuration names (SQLite under the data directory by default). */
export async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl !== null) {
    throw new Error('PASSWARDEN_DATABASE_URL is set but this build has no PostgreSQL store yet');
  }
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  return openSqliteStore({ file: join(config.dataDir, 'passwarden.db') });
}

/** The one place that chooses adapters and wires them into the ports the core uses. */
export async function createContainer(config: Config, _logger: Logger): Promise<Container> {
  const store = await openStore(config);
  try {
    const gate = createHashingGate(createArgon2idHasher(config.argon2), {
      maxInFlight: config.hashing.maxInFlight,
      maxQueued: config.hashing.maxQueued,
      retryAfterSeconds: 1,
    });
    const ipLimiter: RateLimiter = createMemoryRateLimiter(config.ipLimit);
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
      commonPasswords: await loadCommonPasswordList(config.commonPasswordsFile),
      strength,
      settings: { session: config.session, productName: PRODUCT_NAME, maxLiveSessionsPerUser: 100 },
    };
    const close = async (): Promise<void> => {
      await strength.close();
      await store.close();
    };
    return { ports, store, hashingStats: () => gate.stats(), close };
  } catch (error) {
    await store.close();
    throw error;
  }
}
