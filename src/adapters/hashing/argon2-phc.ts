/** The parts of an Argon2 PHC string: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. */
export interface Argon2Phc {
  algorithm: 'argon2d' | 'argon2i' | 'argon2id';
  /** 19 (0x13) or 16 (0x10, also assumed when `v=` is absent). */
  version: 16 | 19;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  saltBytes: number;
  hashBytes: number;
  /**
   * The pepper's key id, as written in the optional `keyid=` parameter of the Argon2 PHC encoding
   * (unpadded B64 of at most 8 bytes); absent when the hash was made without a pepper.
   */
  keyId?: string;
}

const PHC = /^\$(argon2id|argon2i|argon2d)\$(?:v=(16|19)\$)?([^$]+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const DECIMAL = /^(?:0|[1-9][0-9]{0,9})$/;
const MAX_U32 = 0xffff_ffff;
/** The Argon2 PHC encoding's `keyid`: B64 of 0 to 8 bytes (we require at least one). */
const KEY_ID = /^[A-Za-z0-9+/]{2,11}$/;

/** Decoded length of unpadded standard base64, or null when the length is impossible. */
function base64Bytes(text: string): number | null {
  const rest = text.length % 4;
  if (rest === 1) return null;
  return Math.floor(text.length / 4) * 3 + (rest === 0 ? 0 : rest - 1);
}

/** Parses an Argon2 PHC string strictly; null for anything malformed. Pure: never throws. */
export function parseArgon2Phc(s: string): Argon2Phc | null {
  if (typeof s !== 'string' || s.length > 1024) return null;
  const match = PHC.exec(s);
  if (!match) return null;
  const [, algorithm, version, paramText, salt, hash] = match;
  if (!algorithm || !paramText || !salt || !hash) return null;

  const params = new Map<string, number>();
  let keyId: string | undefined;
  for (const pair of paramText.split(',')) {
    const [key, value, extra] = pair.split('=');
    if (key === 'keyid' && extra === undefined && value !== undefined && keyId === undefined) {
      if (!KEY_ID.test(value) || base64Bytes(value) === null) return null;
      keyId = value;
      continue;
    }
    if (extra !== undefined || value === undefined || !DECIMAL.test(value)) return null;
    if ((key !== 'm' && key !== 't' && key !== 'p') || params.has(key)) return null;
    const n = Number(value);
    if (n < 1 || n > MAX_U32) return null;
    params.set(key, n);
  }
  const memoryKiB = params.get('m');
  const iterations = params.get('t');
  const parallelism = params.get('p');
  if (memoryKiB === undefined || iterations === undefined || parallelism === undefined) return null;

  const saltBytes = base64Bytes(salt);
  const hashBytes = base64Bytes(hash);
  if (saltBytes === null || hashBytes === null) return null;

  return {
    algorithm: algorithm as Argon2Phc['algorithm'],
    version: version === '19' ? 19 : 16,
    memoryKiB,
    iterations,
    parallelism,
    saltBytes,
    hashBytes,
    ...(keyId === undefined ? {} : { keyId }),
  };
}
