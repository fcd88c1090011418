import { describe, expect, it } from 'vitest';
import { emailKey, hasRole, usernameKey } from './user.js';

describe('usernameKey: NFC then full case folding', () => {
  it.each([
    { name: 'case', a: 'Alice', b: 'ALICE' },
    { name: 'sharp s folds to ss', a: 'Straße', b: 'STRASSE' },
    { name: 'sharp s against lower-case ss', a: 'straße', b: 'strasse' },
    { name: 'composed and decomposed É', a: '\u00c9mile', b: 'E\u0301mile' },
    { name: 'decomposed upper against composed lower', a: 'E\u0301MILE', b: '\u00e9mile' },
    { name: 'Greek final sigma is not special-cased away', a: 'ΟΔΥΣΣΕΥΣ', b: 'οδυσσευσ' },
  ])('$name: "$a" = "$b"', ({ a, b }) => {
    expect(usernameKey(a)).toBe(usernameKey(b));
  });

  it.each([
    { name: 'different letters', a: 'alice', b: 'alicia' },
    { name: 'surrounding spaces are not removed', a: ' alice', b: 'alice' },
    { name: 'accent matters', a: 'rene', b: 'rené' },
  ])('$name: "$a" ≠ "$b"', ({ a, b }) => {
    expect(usernameKey(a)).not.toBe(usernameKey(b));
  });

  it('is NFC', () => {
    const key = usernameKey('E\u0301MILE');
    expect(key).toBe('\u00e9mile');
    expect(key.normalize('NFC')).toBe(key);
  });

  it('is idempotent', () => {
    for (const name of ['Straße', 'E\u0301mile', 'ǅemal', 'İstanbul', 'ﬁnn']) {
      expect(usernameKey(usernameKey(name))).toBe(usernameKey(name));
    }
  });
});

describe('emailKey', () => {
  it('lower-cases, trims and composes; null stays null', () => {
    expect(emailKey(' Alice@Example.COM ')).toBe('alice@example.com');
    expect(emailKey('Rene\u0301@example.com')).toBe('rené@example.com');
    expect(emailKey(null)).toBeNull();
  });
});

describe('hasRole', () => {
  it('answers from the role list', () => {
    expect(hasRole({ roles: ['admin', 'auditor'] }, 'auditor')).toBe(true);
    expect(hasRole({ roles: ['member'] }, 'admin')).toBe(false);
  });
});
