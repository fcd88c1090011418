import type { BreachedPasswordChecker } from '../../core/ports/breached-password-checker.js';
import { sha1Hex } from './sha1-hex.js';

export interface PwnedPasswordsOptions {
  /** The API or a self-hosted mirror, e.g. https://api.pwnedpasswords.com; `/range/<prefix>` is appended. */
  baseUrl: string;
  /** Per request, connection and body included. */
  timeoutMs?: number;
  /** Ranges kept (least recently used dropped first); each costs about 8 bytes per breached suffix (~7 KB). */
  cacheEntries?: number;
  cacheTtlMs?: number;
  /** Told about every failure before `isBreached` rejects (for the log); never receives the password. */
  onError?: (error: Error) => void;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

export const PREFIX_LENGTH = 5;
const SUFFIX = /^[0-9A-F]{35}$/;
/** A real range is ~40 KB; anything far larger is not a range answer. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * One range answer, kept compactly: the first 64 bits of each breached suffix (84 bits of SHA-1 with
 * the prefix), sorted. Padding entries (count 0) are dropped. A false match needs a 64-bit collision
 * within ~1,000 suffixes: about 1 in 10^16.
 */
interface CachedRange {
  fingerprints: BigUint64Array;
  expiresAt: number;
}

/**
 * A k-anonymity client of the Pwned Passwords range API: only the first 5 hex characters of the
 * password's SHA-1 leave the process, and `Add-Padding: true` asks for padded answers so their size
 * does not hint at the prefix. Ranges (public data, never hashes of checked passwords) are cached, so
 * a repeated check makes no request and timing reveals nothing beyond the prefix.
 */
export function createPwnedPasswordsChecker(options: PwnedPasswordsOptions): BreachedPasswordChecker {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 2000;
  const cacheEntries = options.cacheEntries ?? 1000;
  const cacheTtlMs = options.cacheTtlMs ?? 3_600_000;
  const fetchRange = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recent.
  const cache = new Map<string, CachedRange>();
  const inFlight = new Map<string, Promise<BigUint64Array>>();

  const remember = (prefix: string, fingerprints: BigUint64Array) => {
    if (cacheEntries <= 0) return;
    cache.delete(prefix);
    cache.set(prefix, { fingerprints, expiresAt: now() + cacheTtlMs });
    while (cache.size > cacheEntries) cache.delete(cache.keys().next().value as string);
  };

  const download = async (prefix: string): Promise<BigUint64Array> => {
    try {
      const response = await fetchRange(`${baseUrl}/range/${prefix}`, {
        headers: { 'Add-Padding': 'true', 'User-Agent': 'passwarden' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`breach range API answered ${response.status}`);
      }
      const fingerprints = parseRange(await readLimited(response));
      remember(prefix, fingerprints);
      return fingerprints;
    } catch (error) {
      const failure = new Error(`breach range lookup failed: ${(error as Error).message}`, { cause: error });
      options.onError?.(failure);
      throw failure;
    }
  };

  const range = (prefix: string): Promise<BigUint64Array> => {
    const cached = cache.get(prefix);
    if (cached && cached.expiresAt > now()) {
      cache.delete(prefix);
      cache.set(prefix, cached);
      return Promise.resolve(cached.fingerprints);
    }
    // Concurrent checks of one prefix share one request.
    let pending = inFlight.get(prefix);
    if (!pending) {
      pending = download(prefix).finally(() => inFlight.delete(prefix));
      inFlight.set(prefix, pending);
    }
    return pending;
  };

  return {
    async isBreached(password) {
      const hash = sha1Hex(password);
      const fingerprints = await range(hash.slice(0, PREFIX_LENGTH));
      return contains(fingerprints, fingerprint(hash.slice(PREFIX_LENGTH)));
    },
  };
}

async function readLimited(response: Response): Promise<string> {
  const body = response.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw new Error(`range answer larger than ${MAX_RESPONSE_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('latin1');
}

const fingerprint = (suffix: string): bigint => BigInt(`0x${suffix.slice(0, 16)}`);

/** `SUFFIX:COUNT` lines (CRLF or LF); count 0 is padding. A malformed line fails the whole answer. */
export function parseRange(text: string): BigUint64Array {
  const found: bigint[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const colon = line.indexOf(':');
    const suffix = (colon < 0 ? '' : line.slice(0, colon)).toUpperCase();
    const count = line.slice(colon + 1);
    if (!SUFFIX.test(suffix) || !/^\d+$/.test(count)) throw new Error('malformed range answer');
    if (Number(count) > 0) found.push(fingerprint(suffix));
  }
  return BigUint64Array.from(found).sort();
}

function contains(sorted: BigUint64Array, value: bigint): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const entry = sorted[middle] as bigint;
    if (entry === value) return true;
    if (entry < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
