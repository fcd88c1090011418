import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../password-policy.js';
import { toCandidate } from '../password-text.js';
import { characterViolations } from './character-check.js';
import { commonViolations } from './common-check.js';
import { contextViolations } from './context-check.js';
import { lengthViolations } from './length-check.js';

// Each rule on its own; password-policy.test.ts shows them composed, all at once.
describe('password rules as separate units', () => {
  const policy = DEFAULT_PASSWORD_POLICY;

  it.each([
    ['fourteen chars', ['too_short']],
    ['fifteen chars!!', []],
    ['short', ['too_short']],
    ['x'.repeat(129), ['too_long']],
  ])('length: %j → %j', (password, codes) => {
    expect(lengthViolations(toCandidate(password), policy).map((v) => v.code)).toEqual(codes);
  });

  it.each([
    ['plain text with spaces', false],
    ['tab\there', true],
    ['lone \ud800 surrogate', true],
    ['emoji 😀 and ZWJ 👩‍💻', false],
  ])('characters: %j refused: %s', (password, refused) => {
    expect(characterViolations(toCandidate(password)).length > 0).toBe(refused);
  });

  it('common: asks the list with the NFC lower-case form, and only when the policy says so', () => {
    const asked: string[] = [];
    const isCommon = (lower: string) => {
      asked.push(lower);
      return lower === 'café password';
    };
    expect(commonViolations(toCandidate('CAFE\u0301 PASSWORD'), policy, isCommon)).toEqual([{ code: 'common' }]);
    expect(asked).toEqual(['café password']);
    expect(commonViolations(toCandidate('CAFE\u0301 PASSWORD'), { ...policy, rejectCommon: false }, isCommon)).toEqual([]);
  });

  it('context: one violation per field, containment or similarity', () => {
    const violations = contextViolations(toCandidate('jonath4n-ACME-rainy-days'), policy, { username: 'jonathan', tenantId: 'acme', productName: 'passwarden' });
    expect(violations).toEqual([
      { code: 'context', field: 'username', match: 'similar' },
      { code: 'context', field: 'tenant', match: 'contains' },
    ]);
    expect(contextViolations(toCandidate('jonath4n-ACME-rainy-days'), { ...policy, rejectContext: false }, { username: 'jonathan' })).toEqual([]);
  });
});
