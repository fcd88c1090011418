import type { FieldError } from '../errors.js';
import { codePointLength } from '../credentials/password-policy.js';

/** Rules for identifiers, shared by creation and update. Returns field errors, empty when valid. */
const CONTROL_OR_UNASSIGNED = /[\p{Cc}\p{Cn}\p{Cs}]/u;
// Deliberately permissive: one @, something on each side, no spaces. Deliverability is not checked here.
const EMAIL = /^[^\s@]+@[^\s@]+$/u;

/**
 * Usernames starting with this are reserved for users the service creates itself (a Kii application's
 * hidden admin user); no one can create, register or rename into one.
 */
export const RESERVED_USERNAME_PREFIX = '$';

export function isReservedUsername(username: string): boolean {
  return username.normalize('NFC').startsWith(RESERVED_USERNAME_PREFIX);
}

export function usernameErrors(username: string, pointer = '/username'): FieldError[] {
  const nfc = username.normalize('NFC');
  if (nfc.trim().length === 0) return [{ pointer, problem: 'format', detail: 'must not be empty or blank' }];
  if (isReservedUsername(nfc)) return [{ pointer, problem: 'format', detail: `must not start with "${RESERVED_USERNAME_PREFIX}" (reserved)` }];
  if (codePointLength(nfc) > 128) return [{ pointer, problem: 'too_long', detail: 'must be at most 128 characters' }];
  if (CONTROL_OR_UNASSIGNED.test(nfc)) return [{ pointer, problem: 'format', detail: 'must not contain control or unassigned characters' }];
  if (nfc !== nfc.trim()) return [{ pointer, problem: 'format', detail: 'must not start or end with white space' }];
  return [];
}

export function emailErrors(email: string | null | undefined, pointer = '/email'): FieldError[] {
  if (email === null || email === undefined) return [];
  if (codePointLength(email) > 254) return [{ pointer, problem: 'too_long', detail: 'must be at most 254 characters' }];
  if (!EMAIL.test(email)) return [{ pointer, problem: 'format', detail: 'must be an e-mail address' }];
  return [];
}

export function displayNameErrors(displayName: string | null | undefined, pointer = '/displayName'): FieldError[] {
  if (displayName === null || displayName === undefined) return [];
  if (codePointLength(displayName) > 200) return [{ pointer, problem: 'too_long', detail: 'must be at most 200 characters' }];
  if (CONTROL_OR_UNASSIGNED.test(displayName)) return [{ pointer, problem: 'format', detail: 'must not contain control or unassigned characters' }];
  return [];
}
