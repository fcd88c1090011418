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

/** One pepper key: a secret kept outside the database, and the id written into each hash made with it. */
export interface PepperKey {
  /** 1 to 8 characters from `A-Z a-z 0-9 . _ -`. */
  id: string;
  /** At least PEPPER_MIN_BYTES random bytes. */
  secret: Uint8Array;
}

/** The key new hashes use, and older keys that still verify (their hashes are rehashed on log-in). */
export interface Pepper {
  current: PepperKey;
  previous?: readonly PepperKey[] | undefined;
}

export const PEPPER_MIN_BYTES = 32;
export const PEPPER_ID_PATTERN = /^[A-Za-z0-9._-]{1,8}$/;

/**
 * The `keyid=` value written for a pepper id: unpadded standard base64 of its UTF-8 bytes, as the
 * Argon2 PHC encoding defines `keyid` (B64 of at most 8 bytes). `k1` is written `keyid=azE`.
 */
export function encodePepperKeyId(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64').replace(/=+$/, '');
}

function checkPepper(pepper: Pepper): Map<string, Uint8Array> {
  const keys = new Map<string, Uint8Array>();
  for (const key of [pepper.current, ...(pepper.previous ?? [])]) {
    if (!PEPPER_ID_PATTERN.test(key.id)) throw new RangeError(`pepper id must be 1 to 8 of A-Z a-z 0-9 . _ -, got "${key.id}"`);
    if (key.secret.length < PEPPER_MIN_BYTES) {
      throw new RangeError(`pepper "${key.id}" must be at least ${PEPPER_MIN_BYTES} bytes, got ${key.secret.length}`);
    }
    const encoded = encodePepperKeyId(key.id);
    if (keys.has(encoded)) throw new RangeError(`pepper id "${key.id}" is given twice`);
    keys.set(encoded, Uint8Array.from(key.secret));
  }
  return keys;
}

/** A well-formed Argon2 PHC string whose parameters are within ARGON2ID_CEILING. */
export function argon2PhcWithinCeiling(storedHash: string): boolean {
  const parsed = parseArgon2Phc(storedHash);
  return parsed !== null && withinCeiling(parsed);
}

const KEY_ID_PARAM = /,keyid=[A-Za-z0-9+/]*/;

/**
 * Verifies any Argon2 PHC string (argon2id, argon2i, argon2d; v=16 or 19) within ARGON2ID_CEILING,
 * optionally with a pepper secret. False, never a throw, for anything malformed or over the ceiling,
 * which is refused before any work is done. The `keyid=` parameter is not part of the hash input.
 */
export async function verifyArgon2Phc(storedHash: string, password: string, secret?: Uint8Array): Promise<boolean> {
  const parsed = parseArgon2Phc(storedHash);
  if (!parsed || !withinCeiling(parsed)) return false;
  try {
    return await argon2Verify(storedHash.replace(KEY_ID_PARAM, ''), password, secret === undefined ? undefined : { secret });
  } catch {
    return false;
  }
}

/** The current hasher; it understands Argon2 PHC strings within the ceiling, with a pepper key it holds. */
export type Argon2idHasher = PasswordHasher;

export interface Argon2idHasherOptions {
  /** Applied through Argon2's secret input; its key id is stored in each hash as `keyid=`. */
  pepper?: Pepper | undefined;
}

export function createArgon2idHasher(params: Argon2idParams = ARGON2ID_DEFAULTS, options: Argon2idHasherOptions = {}): Argon2idHasher {
  checkParams(params);
  const { memoryKiB, iterations, parallelism } = params;
  const pepperKeys = options.pepper ? checkPepper(options.pepper) : new Map<string, Uint8Array>();
  const currentKeyId = options.pepper ? encodePepperKeyId(options.pepper.current.id) : undefined;
  const currentSecret = currentKeyId === undefined ? undefined : pepperKeys.get(currentKeyId);

  const hash = async (password: string): Promise<string> => {
    const encoded = await argon2Hash(password, {
      algorithm: ARGON2ID,
      version: V0X13,
      memoryCost: memoryKiB,
      timeCost: iterations,
      parallelism,
      outputLen: OUTPUT_BYTES,
      salt: randomBytes(SALT_BYTES),
      ...(currentSecret === undefined ? {} : { secret: currentSecret }),
    });
    if (currentKeyId === undefined) return encoded;
    // $argon2id$v=19$m=…,t=…,p=…$salt$hash → the key id joins the parameter list, still valid PHC.
    const parts = encoded.split('$');
    parts[3] = `${parts[3] ?? ''},keyid=${currentKeyId}`;
    return parts.join('$');
  };

  const verify = async (storedHash: string, password: string): Promise<boolean> => {
    const parsed = parseArgon2Phc(storedHash);
    if (!parsed) return false;
    if (parsed.keyId === undefined) return verifyArgon2Phc(storedHash, password);
    const secret = pepperKeys.get(parsed.keyId);
    // A key id we do not hold: nothing can match, and guessing without it would be wrong.
    if (secret === undefined) return false;
    return verifyArgon2Phc(storedHash, password, secret);
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
    // Verifiable: well-formed, within the ceiling, and made without a pepper or with a key we hold.
    understands(storedHash) {
      const parsed = parseArgon2Phc(storedHash);
      return parsed !== null && withinCeiling(parsed) && (parsed.keyId === undefined || pepperKeys.has(parsed.keyId));
    },
    isCurrent(storedHash) {
      const parsed = parseArgon2Phc(storedHash);
      return (
        parsed !== null &&
        parsed.keyId === currentKeyId &&
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
