import { randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import type { Algorithm, Version } from '@node-rs/argon2';
import type { PasswordHasher } from '../../core/ports/password-hasher.js';
import { parseArgon2Phc } from './argon2-phc.js';

export interface Argon2idParams {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet minimum; configuration below it is refused. */
export const ARGON2ID_FLOOR: Readonly<Argon2idParams> = Object.freeze({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
export const ARGON2ID_DEFAULTS: Readonly<Argon2idParams> = ARGON2ID_FLOOR;

/**
 * The most work `verify` will spend on a stored hash. Stored hashes are untrusted input: a hostile
 * `m=4194304` would otherwise allocate 4 GiB per attempt. Our own configuration must fit under it too,
 * or we could not verify what we write.
 */
export const ARGON2ID_CEILING: Readonly<Argon2idParams> = Object.freeze({
  memoryKiB: 1024 * 1024,
  iterations: 20,
  parallelism: 16,
});

const SALT_BYTES = 16;
const OUTPUT_BYTES = 32;
// `Algorithm` and `Version` are const enums, which isolatedModules cannot read: Argon2id = 2, V0x13 = 1.
const ARGON2ID = 2 as Algorithm;
const V0X13 = 1 as Version;

function checkParams(params: Argon2idParams): void {
  for (const key of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = params[key];
    if (!Number.isSafeInteger(value) || value < ARGON2ID_FLOOR[key] || value > ARGON2ID_CEILING[key]) {
      throw new RangeError(
        `argon2id ${key} must be an integer from ${ARGON2ID_FLOOR[key]} to ${ARGON2ID_CEILING[key]}, got ${value}`,
      );
    }
  }
}

function withinCeiling(p: Argon2idParams): boolean {
  return (
    p.memoryKiB <= ARGON2ID_CEILING.memoryKiB &&
    p.iterations <= ARGON2ID_CEILING.iterations &&
    p.parallelism <= ARGON2ID_CEILING.parallelism
  );
}

export function createArgon2idHasher(params: Argon2idParams = ARGON2ID_DEFAULTS): PasswordHasher {
  checkParams(params);
  const { memoryKiB, iterations, parallelism } = params;

  const hash = (password: string): Promise<string> =>
    argon2Hash(password, {
      algorithm: ARGON2ID,
      version: V0X13,
      memoryCost: memoryKiB,
      timeCost: iterations,
      parallelism,
      outputLen: OUTPUT_BYTES,
      salt: randomBytes(SALT_BYTES),
    });

  const verify = async (storedHash: string, password: string): Promise<boolean> => {
    const parsed = parseArgon2Phc(storedHash);
    if (!parsed || !withinCeiling(parsed)) return false;
    try {
      return await argon2Verify(storedHash, password);
    } catch {
      return false;
    }
  };

  let dummyHash: Promise<string> | undefined;
  const getDummyHash = (): Promise<string> => {
    dummyHash ??= hash(randomBytes(32).toString('base64url')).catch((error: unknown) => {
      dummyHash = undefined;
      throw error;
    });
    return dummyHash;
  };

  return {
    hash,
    verify,
    isCurrent(storedHash) {
      const parsed = parseArgon2Phc(storedHash);
      return (
        parsed !== null &&
        parsed.algorithm === 'argon2id' &&
        parsed.version === 19 &&
        parsed.memoryKiB === memoryKiB &&
        parsed.iterations === iterations &&
        parsed.parallelism === parallelism &&
        parsed.saltBytes >= SALT_BYTES &&
        parsed.hashBytes === OUTPUT_BYTES
      );
    },
    async verifyDummy(password) {
      await verify(await getDummyHash(), password);
    },
  };
}
