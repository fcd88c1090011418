import { createHash } from 'node:crypto';
import { argon2PhcWithinCeiling, verifyArgon2Phc } from '../argon2id-hasher.js';
import { bcryptWithinBounds, verifyBcrypt } from './bcrypt-verifier.js';
import { decodeBase64, equalBytes, parsePositiveInt, pbkdf2Async, pbkdf2WithinBounds, scryptAsync, scryptWithinBounds, verifierFromPrepare, type Pbkdf2Digest, type PreparedCheck } from './kdf.js';
import type { LegacyVerifier } from './legacy-verifier.js';

/** Django's salts are text, used as their UTF-8 bytes; they never contain `$`. */
const SALT = /^[^$]{0,1024}$/;

function preparePbkdf2(digest: Pbkdf2Digest, rest: string): PreparedCheck | null {
  const [iterationsText, salt, hashText, extra] = rest.split('$');
  const iterations = parsePositiveInt(iterationsText);
  if (iterations === null || salt === undefined || !SALT.test(salt) || hashText === undefined || extra !== undefined) return null;
  const expected = decodeBase64(hashText);
  if (!expected) return null;
  const saltBytes = Buffer.from(salt, 'utf8');
  if (!pbkdf2WithinBounds(digest, iterations, expected.length, saltBytes.length)) return null;
  return async (password) => equalBytes(await pbkdf2Async(password, saltBytes, iterations, expected.length, digest), expected);
}

function prepareScrypt(rest: string): PreparedCheck | null {
  // scrypt$<N>$<salt>$<r>$<p>$<base64 hash>, Django 4.0+
  const [nText, salt, rText, pText, hashText, extra] = rest.split('$');
  const N = parsePositiveInt(nText);
  const r = parsePositiveInt(rText);
  const p = parsePositiveInt(pText);
  if (N === null || r === null || p === null || salt === undefined || !SALT.test(salt) || hashText === undefined || extra !== undefined) return null;
  const expected = decodeBase64(hashText);
  if (!expected) return null;
  const saltBytes = Buffer.from(salt, 'utf8');
  if (!scryptWithinBounds({ N, r, p }, expected.length, saltBytes.length)) return null;
  return async (password) => equalBytes(await scryptAsync(password, saltBytes, expected.length, { N, r, p }), expected);
}

function prepare(stored: string): PreparedCheck | null {
  const cut = stored.indexOf('$');
  if (cut < 0) return null;
  const algorithm = stored.slice(0, cut);
  const rest = stored.slice(cut + 1);
  switch (algorithm) {
    case 'pbkdf2_sha256':
      return preparePbkdf2('sha256', rest);
    case 'pbkdf2_sha1':
      return preparePbkdf2('sha1', rest);
    case 'argon2':
      return rest.startsWith('argon2') && argon2PhcWithinCeiling(`$${rest}`) ? (password) => verifyArgon2Phc(`$${rest}`, password) : null;
    case 'bcrypt_sha256':
      // Django hashes first so bcrypt's 72-byte limit does not truncate, and passes the hex digest.
      return bcryptWithinBounds(rest) ? (password) => verifyBcrypt(rest, createHash('sha256').update(password, 'utf8').digest('hex')) : null;
    case 'bcrypt':
      return bcryptWithinBounds(rest) ? (password) => verifyBcrypt(rest, password) : null;
    case 'scrypt':
      return prepareScrypt(rest);
    default:
      return null;
  }
}

/**
 * Django's `<algorithm>$<fields>` strings (django.contrib.auth.hashers):
 * - `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` and `pbkdf2_sha1$…` (dkLen = digest size);
 * - `argon2$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>` (and argon2i): the Argon2 PHC string after `argon2`;
 * - `bcrypt_sha256$$2b$12$…` (bcrypt of the hex SHA-256 of the password) and `bcrypt$$2b$12$…`;
 * - `scrypt$<N>$<salt>$<r>$<p>$<base64 hash>` (Django 4.0+).
 */
export function createDjangoVerifier(): LegacyVerifier {
  return verifierFromPrepare('django', prepare);
}
