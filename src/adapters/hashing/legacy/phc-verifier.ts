import { decodeBase64, equalBytes, parsePositiveInt, pbkdf2Async, pbkdf2WithinBounds, scryptAsync, scryptWithinBounds, verifierFromPrepare, type Pbkdf2Digest, type PreparedCheck } from './kdf.js';
import { LEGACY_BOUNDS, type LegacyVerifier } from './legacy-verifier.js';

const PBKDF2_IDS: Readonly<Record<string, Pbkdf2Digest>> = Object.freeze({ pbkdf2: 'sha1', 'pbkdf2-sha1': 'sha1', 'pbkdf2-sha256': 'sha256', 'pbkdf2-sha512': 'sha512' });
/** `$<id>$<params>$<salt>$<hash>`: salt and hash in B64 (padded or not) or passlib's adapted base64 (`.` for `+`). */
const PHC = /^\$([a-z0-9-]{1,32})\$([^$]{1,200})\$([A-Za-z0-9+/.=]{0,1400})\$([A-Za-z0-9+/.=]{1,200})$/;

/** `k=v,k=v` with decimal values and no repeats, or null. */
function parseParams(text: string): Map<string, number> | null {
  const params = new Map<string, number>();
  for (const pair of text.split(',')) {
    const [key, value, extra] = pair.split('=');
    const n = parsePositiveInt(value);
    if (key === undefined || n === null || extra !== undefined || params.has(key)) return null;
    params.set(key, n);
  }
  return params;
}

function preparePbkdf2(digest: Pbkdf2Digest, paramText: string, saltText: string, hashText: string): PreparedCheck | null {
  // passlib writes the bare iteration count; the PHC form writes `i=<iterations>[,l=<length>]`.
  let iterations = parsePositiveInt(paramText);
  if (iterations === null) {
    const params = parseParams(paramText);
    if (!params || [...params.keys()].some((key) => key !== 'i' && key !== 'l')) return null;
    iterations = params.get('i') ?? null;
  }
  const salt = decodeBase64(saltText, { adapted: true });
  const expected = decodeBase64(hashText, { adapted: true });
  if (iterations === null || !salt || !expected) return null;
  if (!pbkdf2WithinBounds(digest, iterations, expected.length, salt.length)) return null;
  const rounds = iterations;
  return async (password) => equalBytes(await pbkdf2Async(password, salt, rounds, expected.length, digest), expected);
}

function prepareScrypt(paramText: string, saltText: string, hashText: string): PreparedCheck | null {
  const params = parseParams(paramText);
  if (!params || [...params.keys()].some((key) => key !== 'ln' && key !== 'r' && key !== 'p')) return null;
  const ln = params.get('ln');
  const r = params.get('r');
  const p = params.get('p');
  const salt = decodeBase64(saltText, { adapted: true });
  const expected = decodeBase64(hashText, { adapted: true });
  if (ln === undefined || r === undefined || p === undefined || !salt || !expected) return null;
  if (ln > LEGACY_BOUNDS.scryptMaxLogN) return null;
  const N = 2 ** ln;
  if (!scryptWithinBounds({ N, r, p }, expected.length, salt.length)) return null;
  return async (password) => equalBytes(await scryptAsync(password, salt, expected.length, { N, r, p }), expected);
}

/**
 * PHC-style strings of passlib and RustCrypto (Argon2 PHC strings are the current hasher's):
 * - `$pbkdf2-sha256$<iterations>$<salt>$<hash>` (passlib; also `$pbkdf2$` = SHA-1 and `$pbkdf2-sha512$`),
 *   or `$pbkdf2-sha256$i=<iterations>,l=<length>$<salt>$<hash>` (PHC);
 * - `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`.
 * The salt is the decoded bytes; the hash length sets the derived-key length.
 */
export function createPhcVerifier(): LegacyVerifier {
  return verifierFromPrepare('phc', (stored) => {
    const match = PHC.exec(stored);
    if (!match) return null;
    const [, id, params, salt, hash] = match;
    if (id === undefined || params === undefined || salt === undefined || hash === undefined) return null;
    if (id === 'scrypt') return prepareScrypt(params, salt, hash);
    const digest = Object.hasOwn(PBKDF2_IDS, id) ? PBKDF2_IDS[id] : undefined;
    return digest === undefined ? null : preparePbkdf2(digest, params, salt, hash);
  });
}
