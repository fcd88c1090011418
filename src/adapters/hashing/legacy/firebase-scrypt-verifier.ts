import { createCipheriv } from 'node:crypto';
import { decodeBase64, equalBytes, parsePositiveInt, scryptAsync, scryptWithinBounds, verifierFromPrepare } from './kdf.js';
import { LEGACY_BOUNDS, type LegacyVerifier } from './legacy-verifier.js';

const B64 = '[A-Za-z0-9+/=]';
/** firebase-scrypt$<rounds>$<memCost>$<signer key>$<salt separator>$<salt>$<hash>, all base64 as Firebase exports them. */
const STORED = new RegExp(`^firebase-scrypt\\$([0-9]{1,2})\\$([0-9]{1,2})\\$(${B64}{1,400})\\$(${B64}{0,400})\\$(${B64}{0,1400})\\$(${B64}{1,400})$`);

export interface FirebaseScryptParams {
  /** `rounds` of the project's hash config: scrypt's r. */
  rounds: number;
  /** `mem_cost`: scrypt's N is 2^memCost. */
  memCost: number;
  signerKey: Uint8Array;
  saltSeparator: Uint8Array;
}

/**
 * Firebase Authentication's modified scrypt (github.com/firebase/scrypt): the key is
 * scrypt(password, salt ‖ saltSeparator, N = 2^memCost, r = rounds, p = 1, 32 bytes), and the hash is
 * the project's signer key encrypted with AES-256-CTR under that key with an all-zero IV.
 */
export async function firebaseScrypt(password: string, salt: Uint8Array, params: FirebaseScryptParams): Promise<Buffer> {
  const key = await scryptAsync(password, Buffer.concat([salt, params.saltSeparator]), 32, { N: 2 ** params.memCost, r: params.rounds, p: 1 });
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(params.signerKey), cipher.final()]);
}

/** Builds the stored string from a Firebase user export (passwordHash, salt) and the project's hash config. */
export function firebaseScryptToStored(user: { passwordHash: string; salt: string }, config: { rounds: number; memCost: number; base64SignerKey: string; base64SaltSeparator: string }): string {
  return `firebase-scrypt$${config.rounds}$${config.memCost}$${config.base64SignerKey}$${config.base64SaltSeparator}$${user.salt}$${user.passwordHash}`;
}

/**
 * Verifies `firebase-scrypt$<rounds>$<memCost>$<signerKey>$<saltSeparator>$<salt>$<hash>`. The signer
 * key travels in each string, as every Firebase migration needs it; rehashing on log-in removes it.
 * Bounds: memCost ≤ LEGACY_BOUNDS.scryptMaxLogN and the scrypt memory/work bounds for r = rounds.
 */
export function createFirebaseScryptVerifier(): LegacyVerifier {
  return verifierFromPrepare('firebase-scrypt', (stored) => {
    const match = STORED.exec(stored);
    if (!match) return null;
    const [, roundsText, memCostText, signerText, separatorText, saltText, hashText] = match;
    const rounds = parsePositiveInt(roundsText);
    const memCost = parsePositiveInt(memCostText);
    const signerKey = signerText === undefined ? null : decodeBase64(signerText);
    const saltSeparator = separatorText === undefined ? null : decodeBase64(separatorText);
    const salt = saltText === undefined ? null : decodeBase64(saltText);
    const expected = hashText === undefined ? null : decodeBase64(hashText);
    if (rounds === null || memCost === null || !signerKey || !saltSeparator || !salt || !expected) return null;
    if (memCost > LEGACY_BOUNDS.scryptMaxLogN || signerKey.length === 0 || signerKey.length > LEGACY_BOUNDS.maxSignerKeyBytes) return null;
    if (!scryptWithinBounds({ N: 2 ** memCost, r: rounds, p: 1 }, 32, salt.length + saltSeparator.length)) return null;
    return async (password) => equalBytes(await firebaseScrypt(password, salt, { rounds, memCost, signerKey, saltSeparator }), expected);
  });
}
