import { createHash } from 'node:crypto';
import { equalBytes } from './kdf.js';
import type { LegacyVerifier } from './legacy-verifier.js';

/** `sha256$<salt>$<64 hex>` or `sha512$<salt>$<128 hex>`; the salt may be empty. */
const STORED = /^(sha256|sha512)\$([^$]{0,1024})\$([0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/;
const HEX_LENGTH = { sha256: 64, sha512: 128 } as const;

/**
 * A single SHA-256 or SHA-512 of UTF-8 `salt ‖ password`, hex-encoded: `sha256$<salt>$<hex>`, and
 * `sha256$$<hex>` when the old system used no salt. These are fast hashes, accepted only so their
 * users can log in once and be rehashed to Argon2id; no new hash is ever written in this form.
 */
export function createShaVerifier(): LegacyVerifier {
  const parse = (stored: string) => {
    const match = STORED.exec(stored);
    if (!match) return null;
    const [, algorithm, salt, hex] = match;
    if ((algorithm !== 'sha256' && algorithm !== 'sha512') || salt === undefined || hex === undefined) return null;
    return hex.length === HEX_LENGTH[algorithm] ? { algorithm, salt, hex } : null;
  };
  return {
    name: 'sha',
    understands: (stored) => parse(stored) !== null,
    async verify(stored, password) {
      const parsed = parse(stored);
      if (!parsed) return false;
      const actual = createHash(parsed.algorithm).update(parsed.salt, 'utf8').update(password, 'utf8').digest();
      return equalBytes(actual, Buffer.from(parsed.hex, 'hex'));
    },
  };
}
