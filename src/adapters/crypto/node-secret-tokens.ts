import { createHash, randomBytes } from 'node:crypto';
import type { SecretTokens } from '../../core/ports/secret-tokens.js';

/** 56 symbols without look-alikes (no 0/O/o, 1/I/l): log2(56) ≈ 5.81 bits per character. */
export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
/** 24 × 5.81 ≈ 139 bits. */
export const GENERATED_PASSWORD_LENGTH = 24;

/** Uniform characters from `alphabet` by rejection sampling: bytes at or above the last full multiple are discarded. */
export function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function createNodeSecretTokens(): SecretTokens {
  return {
    newToken: () => randomBytes(32).toString('base64url'),
    digest: (token) => createHash('sha256').update(token, 'utf8').digest('hex'),
    newId: () => randomBytes(16).toString('base64url'),
    newPassword: () => randomString(PASSWORD_ALPHABET, GENERATED_PASSWORD_LENGTH),
  };
}
