import type { Candidate } from '../password-text.js';
import type { Violation } from '../violation.js';

/** Unpaired surrogates, unassigned code points and control characters (space is not a control). */
const INVALID_CHARACTER = /[\p{Cc}\p{Cn}\p{Cs}]/u;

/** Any assigned character is allowed; only these are refused. No composition rules. */
export function characterViolations(candidate: Candidate): Violation[] {
  return INVALID_CHARACTER.test(candidate.nfc) ? [{ code: 'invalid_characters' }] : [];
}
