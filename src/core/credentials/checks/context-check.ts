import type { PasswordContext, PasswordPolicy } from '../password-policy.js';
import { codePointLength, type Candidate } from '../password-text.js';
import type { ContextField, Violation } from '../violation.js';
import { isTooSimilar } from './similarity.js';

/** Context words shorter than this only match when they equal the whole password. */
const MIN_CONTAINED_WORD_LENGTH = 4;

function contextWords(context: PasswordContext): Array<{ field: ContextField; word: string }> {
  const words: Array<{ field: ContextField; word: string }> = [];
  const add = (field: ContextField, value: string | null | undefined) => {
    if (!value) return;
    const word = value.normalize('NFC').toLowerCase().trim();
    if (word.length > 0) words.push({ field, word });
  };
  add('username', context.username);
  if (context.email) {
    const at = context.email.lastIndexOf('@');
    add('email', at > 0 ? context.email.slice(0, at) : context.email);
  }
  if (context.displayName) {
    add('displayName', context.displayName);
    add('displayName', context.displayName.replace(/[\s\p{P}]+/gu, ''));
    for (const part of context.displayName.split(/[\s\p{P}]+/u)) add('displayName', part);
  }
  add('tenant', context.tenantId);
  add('tenant', context.tenantName);
  add('product', context.productName);
  return words;
}

/** Identifiers a person picks from; tenant and product names are only refused when contained. */
const SIMILARITY_FIELDS: ReadonlySet<ContextField> = new Set(['username', 'email', 'displayName']);

function contextMatch(lower: string, field: ContextField, word: string): 'contains' | 'similar' | null {
  const contained = codePointLength(word) >= MIN_CONTAINED_WORD_LENGTH ? lower.includes(word) : lower === word;
  if (contained) return 'contains';
  if (SIMILARITY_FIELDS.has(field) && isTooSimilar(lower, word)) return 'similar';
  return null;
}

/** Context words contained in, or (for identifiers) too similar to, the password: one violation per field. */
export function contextViolations(candidate: Candidate, policy: PasswordPolicy, context: PasswordContext): Violation[] {
  if (!policy.rejectContext || candidate.lower.length === 0) return [];
  const violations: Violation[] = [];
  const seen = new Set<ContextField>();
  for (const { field, word } of contextWords(context)) {
    if (seen.has(field)) continue;
    const match = contextMatch(candidate.lower, field, word);
    if (match !== null) {
      seen.add(field);
      violations.push({ code: 'context', field, match });
    }
  }
  return violations;
}
