import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  DEFAULT_PASSWORD_POLICY,
  evaluatePassword,
  mergePolicy,
  normalisePassword,
  utf8ByteLength,
  validatePolicy,
  type PartialPolicy,
  type PasswordContext,
} from './password-policy.js';
import type { Violation } from './violation.js';

/** A string of `n` ASCII letters that contains no dictionary or context word. */
function filler(n: number): string {
  return 'mzqv'.repeat(Math.ceil(n / 4)).slice(0, n);
}

/** The small common list of these tests; entries are NFC and lower case, as the real list's are. */
const COMMON = new Set(['password1234567', 'résumérésumérésumé', 'finalfinalfinalfinal', 'correct horse battery staple']);

/** A violation as a short code; context violations carry their field ("context:email"). */
function codeOf(violation: Violation): string {
  return violation.code === 'context' ? `context:${violation.field}` : violation.code;
}

interface Row {
  name: string;
  password: string;
  context?: PasswordContext;
  policy?: PartialPolicy;
  expected: string[];
}

const rows: Row[] = [
  // Length: code points after NFC, 15 to 128.
  { name: '15 ASCII characters is long enough', password: filler(15), expected: [] },
  { name: '14 ASCII characters is too short', password: filler(14), expected: ['too_short'] },
  { name: '14 letters + 1 emoji = 15 code points (16 UTF-16 units) is enough', password: filler(14) + '😀', expected: [] },
  { name: '13 letters + 1 emoji = 14 code points (15 UTF-16 units) is too short', password: filler(13) + '😀', expected: ['too_short'] },
  { name: '15 emoji are 15 code points', password: '🔑'.repeat(15), expected: [] },
  { name: '15 decomposed "é" (30 code points typed) are 15 after NFC', password: 'e\u0301'.repeat(15), expected: [] },
  { name: '14 decomposed "é" (28 code points typed) are 14 after NFC: too short', password: 'e\u0301'.repeat(14), expected: ['too_short'] },
  { name: '14 composed "é" are 14: too short, same as decomposed', password: '\u00e9'.repeat(14), expected: ['too_short'] },
  { name: 'a combining mark with no precomposed form still counts', password: filler(13) + 'q\u0301', expected: [] },
  { name: '128 code points is allowed', password: filler(128), expected: [] },
  { name: '129 code points is too long', password: filler(129), expected: ['too_long'] },
  { name: '128 emoji (256 UTF-16 units, 512 bytes) is allowed', password: '🔑'.repeat(128), expected: [] },
  { name: '1024 bytes is normalised and judged by every rule', password: '€'.repeat(341) + '\u0007', expected: ['too_long', 'invalid_characters'] },
  {
    name: 'over 1024 bytes is refused as too_long before anything else',
    password: '€'.repeat(341) + '\u0007\u0007',
    context: { username: '€€€€' },
    expected: ['too_long'],
  },
  { name: '1025 control characters: only too_long', password: '\u0007'.repeat(1025), expected: ['too_long'] },

  // No composition rules, spaces anywhere, no trimming.
  { name: 'all-lower-case passphrase without digits or symbols', password: 'purple monkey dishwasher tonight', expected: [] },
  { name: 'all digits', password: '384920175639201', expected: [] },
  { name: 'leading and trailing spaces count toward length (not trimmed)', password: '  ' + filler(11) + '  ', expected: [] },
  { name: 'a space-only password is not refused by a composition rule', password: ' '.repeat(15), expected: [] },
  { name: 'trimmed it would be 13, so padding really counts', password: ' ' + filler(13) + ' ', expected: [] },

  // Characters.
  { name: 'unpaired high surrogate', password: filler(14) + '\ud83d', expected: ['invalid_characters'] },
  { name: 'unpaired low surrogate', password: '\ude00' + filler(14), expected: ['invalid_characters'] },
  { name: 'BEL control character', password: filler(14) + '\u0007', expected: ['invalid_characters'] },
  { name: 'newline', password: filler(7) + '\n' + filler(7), expected: ['invalid_characters'] },
  { name: 'tab', password: filler(7) + '\t' + filler(7), expected: ['invalid_characters'] },
  { name: 'DEL', password: filler(14) + '\u007f', expected: ['invalid_characters'] },
  { name: 'C1 control NEL', password: filler(14) + '\u0085', expected: ['invalid_characters'] },
  { name: 'unassigned code point U+0378', password: filler(14) + '\u0378', expected: ['invalid_characters'] },
  { name: 'non-Latin scripts are fine', password: 'пароль для входа 密码', expected: [] },
  { name: 'emoji ZWJ sequences (format characters) are fine', password: filler(10) + '👩‍👩‍👧', expected: [] },
  { name: 'no-break space is fine', password: filler(7) + '\u00a0' + filler(7), expected: [] },

  // Common passwords: NFC, case-insensitive.
  { name: 'on the common list', password: 'password1234567', expected: ['common'] },
  { name: 'on the common list in upper case', password: 'PASSWORD1234567', expected: ['common'] },
  { name: 'common passphrase with spaces', password: 'Correct Horse Battery Staple', expected: ['common'] },
  { name: 'typed decomposed, the list holds it composed: same password', password: 're\u0301sume\u0301'.repeat(3), expected: ['common'] },
  { name: '"ﬁ" is not "fi" (no NFKC)', password: 'ﬁnalﬁnalﬁnalﬁnal', expected: [] },
  { name: 'rejectCommon off', password: 'password1234567', policy: { rejectCommon: false }, expected: [] },

  // Context words: case-insensitive; containment for words of 4+ characters, equality for shorter.
  { name: 'contains the username', password: 'xx' + 'alice' + filler(10), context: { username: 'alice' }, expected: ['context:username'] },
  { name: 'contains the username, other case', password: 'xxALICE' + filler(10), context: { username: 'Alice' }, expected: ['context:username'] },
  { name: 'contains a decomposed username typed composed', password: 'xxrené' + filler(10), context: { username: 'rene\u0301' }, expected: ['context:username'] },
  { name: 'contains a 3-character username: allowed', password: 'bob' + filler(12), context: { username: 'bob' }, expected: [] },
  { name: 'contains a 2-code-point (4 UTF-16 units) username: allowed', password: '😀😀' + filler(13), context: { username: '😀😀' }, expected: [] },
  { name: 'equals a 3-character username', password: 'BOB', context: { username: 'bob' }, expected: ['too_short', 'context:username'] },
  { name: 'contains the e-mail local part', password: 'xxalice.smith' + filler(5), context: { email: 'alice.smith@example.com' }, expected: ['context:email'] },
  { name: 'contains only the e-mail domain: allowed', password: 'example' + filler(10), context: { email: 'alice.smith@example.com' }, expected: [] },
  { name: 'contains the whole display name', password: 'gracehopper' + filler(5), context: { displayName: 'GraceHopper' }, expected: ['context:displayName'] },
  { name: 'contains a word of the display name', password: filler(6) + 'Hopper' + filler(6), context: { displayName: 'Grace Hopper' }, expected: ['context:displayName'] },
  { name: 'contains a short word of the display name: allowed', password: 'na' + filler(13), context: { displayName: 'Li Na' }, expected: [] },
  { name: 'contains the tenant id', password: filler(6) + 'acme' + filler(6), context: { tenantId: 'acme' }, expected: ['context:tenant'] },
  { name: 'contains the tenant name', password: 'Globex Corp' + filler(6), context: { tenantName: 'globex corp' }, expected: ['context:tenant'] },
  { name: 'contains the product name', password: 'PassWarden' + filler(6), context: { productName: 'passwarden' }, expected: ['context:product'] },
  { name: 'rejectContext off', password: 'PassWarden' + filler(6), context: { productName: 'passwarden' }, policy: { rejectContext: false }, expected: [] },
  { name: 'resembles the username (shared run of 6 of 8)', password: 'jonath4n-loves-rainy-days', context: { username: 'jonathan' }, expected: ['context:username'] },
  { name: 'resembles the display name (edit distance)', password: 'jonathanrichards0n', context: { displayName: 'Jonathan Richardson' }, expected: ['context:displayName'] },
  { name: 'shares only a short run with the username: allowed', password: 'alexa-play-my-music-loud', context: { username: 'alexander' }, expected: [] },
  { name: 'tenant names are matched by containment only', password: 'acm3-corporation-rules', context: { tenantName: 'acme corporation' }, expected: [] },
  { name: 'one violation per field even when several of its words match', password: 'gracehopper' + filler(6), context: { displayName: 'Grace Hopper' }, expected: ['context:displayName'] },

  // Every failing rule at once.
  {
    name: 'several violations in one result, in a stable order',
    password: 'alice\u0007acme',
    context: { username: 'alice', email: 'alice@example.com', tenantId: 'acme', productName: 'passwarden' },
    expected: ['too_short', 'invalid_characters', 'context:username', 'context:email', 'context:tenant'],
  },
  {
    name: 'too long, common-free, context and control at once',
    password: 'passwarden' + filler(119) + '\t',
    context: { productName: 'passwarden' },
    expected: ['too_long', 'invalid_characters', 'context:product'],
  },

  // Tenant overrides.
  { name: 'a tenant minimum of 20', password: filler(19), policy: { minLength: 20 }, expected: ['too_short'] },
  { name: 'a tenant maximum of 64', password: filler(65), policy: { maxLength: 64 }, expected: ['too_long'] },
];

describe('evaluatePassword', () => {
  it.each(rows)('$name', ({ password, context, policy, expected }) => {
    const violations = evaluatePassword({
      password,
      policy: mergePolicy(DEFAULT_PASSWORD_POLICY, policy),
      context: context ?? {},
      isCommon: (candidate) => COMMON.has(candidate),
    });
    expect(violations.map(codeOf)).toEqual(expected);
  });

  it('reports length limits and the length found, in code points after NFC', () => {
    const check = (password: string) =>
      evaluatePassword({ password, policy: DEFAULT_PASSWORD_POLICY, context: {}, isCommon: () => false });
    expect(check('e\u0301'.repeat(14))).toEqual([{ code: 'too_short', minLength: 15, actualLength: 14 }]);
    expect(check(filler(13) + '😀')).toEqual([{ code: 'too_short', minLength: 15, actualLength: 14 }]);
    expect(check(filler(129))).toEqual([{ code: 'too_long', maxLength: 128, actualLength: 129 }]);
    expect(check('a'.repeat(1025))).toEqual([{ code: 'too_long', maxLength: 128, actualLength: 1025 }]);
  });

  it('gives the common-list predicate the NFC, lower-cased candidate, untrimmed', () => {
    const seen: string[] = [];
    evaluatePassword({
      password: ' RE\u0301SUME\u0301 ' + filler(8),
      policy: DEFAULT_PASSWORD_POLICY,
      context: {},
      isCommon: (candidate) => {
        seen.push(candidate);
        return false;
      },
    });
    expect(seen).toEqual([' résumé ' + filler(8)]);
  });

  it('does not consult the common list for input over 1 KiB', () => {
    let calls = 0;
    evaluatePassword({
      password: 'x'.repeat(2000),
      policy: DEFAULT_PASSWORD_POLICY,
      context: {},
      isCommon: () => {
        calls += 1;
        return false;
      },
    });
    expect(calls).toBe(0);
  });

  it('never repeats the context word itself in a violation', () => {
    const violations = evaluatePassword({
      password: 'xxalice' + filler(10),
      policy: DEFAULT_PASSWORD_POLICY,
      context: { username: 'alice' },
      isCommon: () => false,
    });
    expect(JSON.stringify(violations)).not.toContain('alice');
  });
});

describe('normalisePassword', () => {
  it.each([
    { name: 'composes decomposed characters', input: 'e\u0301', output: '\u00e9' },
    { name: 'keeps case', input: 'PassWord', output: 'PassWord' },
    { name: 'keeps surrounding spaces', input: '  pw  ', output: '  pw  ' },
    { name: 'keeps compatibility characters (NFC, not NFKC)', input: 'ﬁ', output: 'ﬁ' },
    { name: 'keeps full-width letters', input: 'ＡＢＣ', output: 'ＡＢＣ' },
  ])('$name', ({ input, output }) => {
    expect(normalisePassword(input)).toBe(output);
  });
});

describe('codePointLength and utf8ByteLength', () => {
  it.each([
    { text: '', codePoints: 0 },
    { text: 'abc', codePoints: 3 },
    { text: 'é€', codePoints: 2 },
    { text: '😀😀', codePoints: 2 },
    { text: 'e\u0301', codePoints: 2 },
    { text: 'a\ud83db', codePoints: 3 },
    { text: '\ude00\ud83d', codePoints: 2 },
  ])('$text', ({ text, codePoints }) => {
    expect(codePointLength(text)).toBe(codePoints);
    // Buffer encodes an unpaired surrogate as U+FFFD (3 bytes), which is what the count assumes.
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('validatePolicy', () => {
  it('accepts the default policy', () => {
    expect(validatePolicy(DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });

  it.each<{ name: string; patch: PartialPolicy; problems: string[] }>([
    { name: 'minimum below 8', patch: { minLength: 7 }, problems: ['minLength: must be an integer from 8 to 128'] },
    { name: 'fractional minimum', patch: { minLength: 15.5 }, problems: ['minLength: must be an integer from 8 to 128'] },
    { name: 'maximum below 64', patch: { maxLength: 63 }, problems: ['maxLength: must be an integer from 64 to 256'] },
    { name: 'minimum above maximum', patch: { minLength: 100, maxLength: 80 }, problems: ['minLength: must not exceed maxLength'] },
    { name: 'no free failures', patch: { lockout: { freeFailures: 0 } }, problems: ['lockout.freeFailures: must be an integer from 1 to 100'] },
    {
      name: 'first delay above the maximum delay',
      patch: { lockout: { firstDelaySeconds: 600, maxDelaySeconds: 60 } },
      problems: ['lockout.firstDelaySeconds: must not exceed lockout.maxDelaySeconds'],
    },
    {
      name: 'disabling before the free failures are spent',
      patch: { lockout: { freeFailures: 20, disableAfterFailures: 20 } },
      problems: ['lockout.disableAfterFailures: must exceed lockout.freeFailures'],
    },
    { name: 'disabling too early', patch: { lockout: { disableAfterFailures: 9 } }, problems: ['lockout.disableAfterFailures: must be an integer from 10 to 100000'] },
    {
      name: 'a re-authentication window below 30 s',
      patch: { reauthenticationWindowSeconds: 5 },
      problems: ['reauthenticationWindowSeconds: must be an integer from 30 to 86400'],
    },
    {
      name: 'every problem at once',
      patch: { minLength: 4, maxLength: 1000 },
      problems: ['minLength: must be an integer from 8 to 128', 'maxLength: must be an integer from 64 to 256'],
    },
  ])('refuses $name', ({ patch, problems }) => {
    expect(validatePolicy(mergePolicy(DEFAULT_PASSWORD_POLICY, patch))).toEqual(problems);
  });
});

describe('mergePolicy', () => {
  it('returns the base when there is no patch', () => {
    expect(mergePolicy(DEFAULT_PASSWORD_POLICY, undefined)).toEqual(DEFAULT_PASSWORD_POLICY);
  });

  it('merges top-level fields and nested lockout fields one by one', () => {
    const merged = mergePolicy(DEFAULT_PASSWORD_POLICY, { minLength: 20, lockout: { freeFailures: 3 } });
    expect(merged).toEqual({
      ...DEFAULT_PASSWORD_POLICY,
      minLength: 20,
      lockout: { ...DEFAULT_PASSWORD_POLICY.lockout, freeFailures: 3 },
    });
  });

  it('does not modify the base', () => {
    const base = mergePolicy(DEFAULT_PASSWORD_POLICY, {});
    const snapshot = structuredClone(base);
    mergePolicy(base, { maxLength: 64, lockout: { maxDelaySeconds: 60 } });
    expect(base).toEqual(snapshot);
  });

  it('keeps the default policy to NIST and ASVS numbers', () => {
    expect(DEFAULT_PASSWORD_POLICY).toMatchObject({
      minLength: 15,
      maxLength: 128,
      rejectCommon: true,
      rejectContext: true,
      adminSetTemporaryByDefault: true,
      lockout: { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 3600, disableAfterFailures: 100 },
    });
  });
});
