import { decodeBase64, equalBytes, parsePositiveInt, pbkdf2Async, pbkdf2WithinBounds, verifierFromPrepare, type Pbkdf2Digest } from './kdf.js';
import { LEGACY_BOUNDS, type LegacyVerifier } from './legacy-verifier.js';

/** Keycloak's PBKDF2 provider ids and their HMAC digests (`pbkdf2` is PBKDF2WithHmacSHA1). */
const KEYCLOAK_PBKDF2: Readonly<Record<string, Pbkdf2Digest>> = Object.freeze({ pbkdf2: 'sha1', 'pbkdf2-sha256': 'sha256', 'pbkdf2-sha512': 'sha512' });

const STORED = /^keycloak\$(pbkdf2|pbkdf2-sha256|pbkdf2-sha512)\$([0-9]{1,10})\$([A-Za-z0-9+/=]{0,1400})\$([A-Za-z0-9+/=]{1,200})$/;

/**
 * Keycloak PBKDF2 credentials, stored as `keycloak$<algorithm>$<hashIterations>$<salt>$<value>`
 * (salt and value exactly as Keycloak's secretData holds them, standard base64). The derived-key
 * length is the decoded value's length, as Keycloak's own verify does (512 bits since Keycloak 8).
 * Make these strings with keycloakCredentialToStored.
 */
export function createKeycloakVerifier(): LegacyVerifier {
  return verifierFromPrepare('keycloak', (stored) => {
    const match = STORED.exec(stored);
    if (!match) return null;
    const [, algorithm, iterationsText, saltText, valueText] = match;
    const digest = algorithm === undefined ? undefined : KEYCLOAK_PBKDF2[algorithm];
    const iterations = parsePositiveInt(iterationsText);
    const salt = saltText === undefined ? null : decodeBase64(saltText);
    const expected = valueText === undefined ? null : decodeBase64(valueText);
    if (!digest || iterations === null || !salt || !expected) return null;
    if (!pbkdf2WithinBounds(digest, iterations, expected.length, salt.length)) return null;
    return async (password) => equalBytes(await pbkdf2Async(password, salt, iterations, expected.length, digest), expected);
  });
}

// ---------------------------------------------------------------------------------------------------
// Import

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function record(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string') {
    if (value.length > LEGACY_BOUNDS.maxStoredLength) return null;
    try {
      return record(JSON.parse(value) as Json);
    } catch {
      return null;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Keycloak's additionalParameters hold each value as a one-element array of strings. */
function parameter(params: Record<string, unknown> | null, name: string): string | undefined {
  const value = params?.[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : undefined;
}

const unpadded = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

/**
 * Turns one credential of a Keycloak user export (`{ type: "password", secretData, credentialData }`,
 * where both data fields are JSON text as Keycloak writes them, or already-parsed objects) into the
 * string to store: `keycloak$…` for the PBKDF2 providers, an Argon2 PHC string for `argon2` (which the
 * current hasher verifies). Null for anything else or anything malformed.
 */
export function keycloakCredentialToStored(credential: unknown): string | null {
  const outer = record(credential);
  if (!outer || (outer['type'] !== undefined && outer['type'] !== 'password')) return null;
  const secret = record(outer['secretData']);
  const data = record(outer['credentialData']);
  if (!secret || !data) return null;
  const value = typeof secret['value'] === 'string' ? decodeBase64(secret['value']) : null;
  const salt = typeof secret['salt'] === 'string' ? decodeBase64(secret['salt']) : null;
  const iterations = typeof data['hashIterations'] === 'number' ? data['hashIterations'] : NaN;
  const algorithm = data['algorithm'];
  if (!value || !salt || !Number.isSafeInteger(iterations) || iterations < 1 || typeof algorithm !== 'string') return null;

  if (Object.hasOwn(KEYCLOAK_PBKDF2, algorithm)) {
    return `keycloak$${algorithm}$${iterations}$${salt.toString('base64')}$${value.toString('base64')}`;
  }
  if (algorithm === 'argon2') {
    const params = record(data['additionalParameters']);
    const type = parameter(params, 'type') ?? 'id';
    const version = parameter(params, 'version') ?? '1.3';
    const memory = parsePositiveInt(parameter(params, 'memory'));
    const parallelism = parsePositiveInt(parameter(params, 'parallelism'));
    if (!['id', 'i', 'd'].includes(type) || (version !== '1.3' && version !== '1.0') || memory === null || parallelism === null) return null;
    const v = version === '1.3' ? 19 : 16;
    return `$argon2${type}$v=${v}$m=${memory},t=${iterations},p=${parallelism}$${unpadded(salt)}$${unpadded(value)}`;
  }
  return null;
}
