import { codePointLength } from '../credentials/password-policy.js';
import type { FieldError } from '../errors.js';

/** What an operator gives to bind a tenant to a Kii application; the secret is hashed before storing. */
export interface KiiApplicationInput {
  appId: string;
  appKey: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Identifiers travel in URL paths (appId), in `Authorization: Basic appId:appKey` and in JSON, so they
 * are plain ASCII without colons or spaces. Kii's own are hex strings (8 and 32 characters); ours allow
 * more but nothing that needs escaping.
 */
export const KII_APP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const KII_KEY_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
/** The client secret is a password for a program: long, no control characters, never logged. */
export const KII_CLIENT_SECRET_MIN = 16;
export const KII_CLIENT_SECRET_MAX = 256;
const CONTROL = /[\p{Cc}\p{Cn}\p{Cs}]/u;

/** Field errors for a Kii binding (pointers under /kii), empty when valid. */
export function kiiApplicationErrors(input: KiiApplicationInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!KII_APP_ID_PATTERN.test(input.appId)) {
    errors.push({ pointer: '/kii/appId', problem: 'format', detail: 'must be 1 to 64 letters, digits, "_" or "-", starting with a letter or digit' });
  }
  if (!KII_KEY_PATTERN.test(input.appKey)) {
    errors.push({ pointer: '/kii/appKey', problem: 'format', detail: 'must be 1 to 128 letters, digits, ".", "_", "~" or "-"' });
  }
  if (!KII_KEY_PATTERN.test(input.clientId)) {
    errors.push({ pointer: '/kii/clientId', problem: 'format', detail: 'must be 1 to 128 letters, digits, ".", "_", "~" or "-"' });
  }
  const secretLength = codePointLength(input.clientSecret.normalize('NFC'));
  if (secretLength < KII_CLIENT_SECRET_MIN) {
    errors.push({ pointer: '/kii/clientSecret', problem: 'too_short', detail: `must be at least ${KII_CLIENT_SECRET_MIN} characters` });
  } else if (secretLength > KII_CLIENT_SECRET_MAX) {
    errors.push({ pointer: '/kii/clientSecret', problem: 'too_long', detail: `must be at most ${KII_CLIENT_SECRET_MAX} characters` });
  } else if (CONTROL.test(input.clientSecret)) {
    errors.push({ pointer: '/kii/clientSecret', problem: 'format', detail: 'must not contain control or unassigned characters' });
  }
  return errors;
}

/** The hidden user a Kii application's admin tokens act as; reserved, so no one else can take it. */
export const KII_SERVICE_USERNAME = '$kii-app-admin';

/**
 * Compares two strings without stopping at the first difference, so the time taken does not tell how
 * much of an app key was right. (Length still shows; keys are not secrets of variable length.)
 */
export function constantTimeEquals(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    difference |= (a.charCodeAt(i % Math.max(a.length, 1)) || 0) ^ (b.charCodeAt(i % Math.max(b.length, 1)) || 0);
  }
  return difference === 0;
}
