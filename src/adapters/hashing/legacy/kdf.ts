import { pbkdf2, scrypt, timingSafeEqual } from 'node:crypto';
import { LEGACY_BOUNDS } from './legacy-verifier.js';

/** Digests PBKDF2 may use, with their output size in bytes. */
export const PBKDF2_DIGESTS = Object.freeze({ sha1: 20, sha256: 32, sha512: 64 });
export type Pbkdf2Digest = keyof typeof PBKDF2_DIGESTS;

/** Constant-time equality; unequal lengths are unequal (the length of a stored hash is not secret). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict standard base64, with or without padding; `.` is read as `+` for passlib's "adapted base64".
 * Null when the text is not base64 (Buffer.from would silently skip the bad characters).
 */
export function decodeBase64(text: string, options: { adapted?: boolean } = {}): Buffer | null {
  const standard = options.adapted ? text.replace(/\./g, '+') : text;
  if (!BASE64.test(standard)) return null;
  const unpadded = standard.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return null;
  if (standard.length !== unpadded.length && standard.length % 4 !== 0) return null;
  return Buffer.from(unpadded, 'base64');
}

const DECIMAL = /^[1-9][0-9]{0,9}$/;

/** A positive decimal integer without leading zeros, or null. */
export function parsePositiveInt(text: string | undefined): number | null {
  if (text === undefined || !DECIMAL.test(text)) return null;
  return Number(text);
}

/** Whether PBKDF2 with these parameters is within LEGACY_BOUNDS. */
export function pbkdf2WithinBounds(digest: Pbkdf2Digest, iterations: number, keyBytes: number, saltBytes: number): boolean {
  const blocks = Math.ceil(keyBytes / PBKDF2_DIGESTS[digest]);
  return (
    Number.isSafeInteger(iterations) &&
    iterations >= 1 &&
    iterations <= LEGACY_BOUNDS.pbkdf2MaxIterations &&
    iterations * blocks <= LEGACY_BOUNDS.pbkdf2MaxBlockIterations &&
    keyBytes >= LEGACY_BOUNDS.minDerivedBytes &&
    keyBytes <= LEGACY_BOUNDS.maxDerivedBytes &&
    saltBytes <= LEGACY_BOUNDS.maxSaltBytes
  );
}

/** PBKDF2 on the libuv pool. The caller checks the bounds first. */
export function pbkdf2Async(password: string | Uint8Array, salt: Uint8Array, iterations: number, keyBytes: number, digest: Pbkdf2Digest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, keyBytes, digest, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** Whether scrypt with these parameters is within LEGACY_BOUNDS. */
export function scryptWithinBounds({ N, r, p }: ScryptParams, keyBytes: number, saltBytes: number): boolean {
  return (
    Number.isSafeInteger(N) &&
    N >= 2 &&
    N <= 2 ** LEGACY_BOUNDS.scryptMaxLogN &&
    (N & (N - 1)) === 0 &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    r <= LEGACY_BOUNDS.scryptMaxR &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= LEGACY_BOUNDS.scryptMaxP &&
    128 * N * r <= LEGACY_BOUNDS.scryptMaxMemoryBytes &&
    N * r * p <= LEGACY_BOUNDS.scryptMaxWork &&
    keyBytes >= LEGACY_BOUNDS.minDerivedBytes &&
    keyBytes <= LEGACY_BOUNDS.maxDerivedBytes &&
    saltBytes <= LEGACY_BOUNDS.maxSaltBytes
  );
}

/** OpenSSL needs 128·r·(N + p + 2) bytes; the bounds keep that under this. */
const SCRYPT_MAXMEM = LEGACY_BOUNDS.scryptMaxMemoryBytes + 8 * 1024 * 1024;

/** scrypt on the libuv pool with `maxmem` set. The caller checks the bounds first. */
export function scryptAsync(password: string | Uint8Array, salt: Uint8Array, keyBytes: number, { N, r, p }: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyBytes, { N, r, p, maxmem: SCRYPT_MAXMEM }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Runs a verification, turning any throw into false: a verifier never throws. */
export async function safely(work: () => Promise<boolean>): Promise<boolean> {
  try {
    return await work();
  } catch {
    return false;
  }
}

/** A verification whose parameters have been parsed and found within bounds; only the derivation is left. */
export type PreparedCheck = (password: string) => Promise<boolean>;

/**
 * A verifier from one `prepare` function that parses a stored string and checks its bounds, doing no
 * derivation: null for anything malformed, unknown or over LEGACY_BOUNDS. `understands` is then exactly
 * "verify would do the work", which is what import asks before storing an imported hash.
 */
export function verifierFromPrepare(name: string, prepare: (stored: string) => PreparedCheck | null): { name: string; understands(stored: string): boolean; verify(stored: string, password: string): Promise<boolean> } {
  const prepared = (stored: string): PreparedCheck | null => {
    if (typeof stored !== 'string' || stored.length > LEGACY_BOUNDS.maxStoredLength) return null;
    try {
      return prepare(stored);
    } catch {
      return null;
    }
  };
  return {
    name,
    understands: (stored) => prepared(stored) !== null,
    verify: (stored, password) =>
      safely(async () => {
        const check = prepared(stored);
        return check === null ? false : check(password);
      }),
  };
}
