import { createHash } from 'node:crypto';
import { verifyArgon2Phc } from '../argon2id-hasher.js';
import { verifyBcrypt } from './bcrypt-verifier.js';
import { decodeBase64, equalBytes, parsePositiveInt, pbkdf2Async, pbkdf2WithinBounds, safely, scryptAsync, scryptWithinBounds, type Pbkdf2Digest } from './kdf.js';
import { LEGACY_BOUNDS, type LegacyVerifier } from './legacy-verifier.js';

const PREFIXES = ['pbkdf2_sha256$', 'pbkdf2_sha1$', 'argon2$', 'bcrypt_sha256$', 'bcrypt$', 'scrypt$'] as const;

/** Django's salts are text, used as their UTF-8 bytes; they never contain `$`. */
const SALT = /^[^$]{0,1024}$/;

async function verifyPbkdf2(digest: Pbkdf2Digest, rest: string, password: string): Promise<boolean> {
  const [iterationsText, salt, hashText, extra] = rest.split('$');
  const iterations = parsePositiveInt(iterationsText);
  if (iterations === null || salt === undefined || !SALT.test(salt) || hashText === undefined || extra !== undefined) return false;
  const expected = decodeBase64(hashText);
  if (!expected) return false;
  const saltBytes = Buffer.from(salt, 'utf8');
  if (!pbkdf2WithinBounds(digest, iterations, expected.length, saltBytes.length)) return false;
  return equalBytes(await pbkdf2Async(password, saltBytes, iterations, expected.length, digest), expected);
}

async function verifyScrypt(rest: string, password: string): Promise<boolean> {
  // scrypt$<N>$<salt>$<r>$<p>$<base64 hash>, Django 4.0+
  const [nText, salt, rText, pText, hashText, extra] = rest.split('$');
  const N = parsePositiveInt(nText);
  const r = parsePositiveInt(rText);
  const p = parsePositiveInt(pText);
  if (N === null || r === null || p === null || salt === undefined || !SALT.test(salt) || hashText === undefined || extra !== undefined) return false;
  const expected = decodeBase64(hashText);
  if (!expected) return false;
  const saltBytes = Buffer.from(salt, 'utf8');
  if (!scryptWithinBounds({ N, r, p }, expected.length, saltBytes.length)) return false;
  return equalBytes(await scryptAsync(password, saltBytes, expected.length, { N, r, p }), expected);
}

/**
 * Django's `<algorithm>$<fields>` strings (django.contrib.auth.hashers):
 * - `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` and `pbkdf2_sha1$…` (dkLen = digest size);
 * - `argon2$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>` (and argon2i): the Argon2 PHC string after `argon2`;
 * - `bcrypt_sha256$$2b$12$…` (bcrypt of the hex SHA-256 of the password) and `bcrypt$$2b$12$…`;
 * - `scrypt$<N>$<salt>$<r>$<p>$<base64 hash>` (Django 4.0+).
 */
export function createDjangoVerifier(): LegacyVerifier {
  return {
    name: 'django',
    understands: (stored) => PREFIXES.some((prefix) => stored.startsWith(prefix)),
    verify: (stored, password) =>
      safely(async () => {
        if (stored.length > LEGACY_BOUNDS.maxStoredLength) return false;
        const cut = stored.indexOf('$');
        if (cut < 0) return false;
        const algorithm = stored.slice(0, cut);
        const rest = stored.slice(cut + 1);
        switch (algorithm) {
          case 'pbkdf2_sha256':
            return verifyPbkdf2('sha256', rest, password);
          case 'pbkdf2_sha1':
            return verifyPbkdf2('sha1', rest, password);
          case 'argon2':
            return rest.startsWith('argon2') ? verifyArgon2Phc(`$${rest}`, password) : false;
          case 'bcrypt_sha256':
            // Django hashes first so bcrypt's 72-byte limit does not truncate, and passes the hex digest.
            return rest.startsWith('$') ? verifyBcrypt(rest, createHash('sha256').update(password, 'utf8').digest('hex')) : false;
          case 'bcrypt':
            return rest.startsWith('$') ? verifyBcrypt(rest, password) : false;
          case 'scrypt':
            return verifyScrypt(rest, password);
          default:
            return false;
        }
      }),
  };
}
