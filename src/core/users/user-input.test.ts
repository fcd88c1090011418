import { describe, expect, it } from 'vitest';
import { displayNameErrors, emailErrors, usernameErrors } from './user-input.js';

describe('usernameErrors', () => {
  it.each([
    { name: 'plain', username: 'alice', problem: null },
    { name: 'non-Latin', username: 'アリス', problem: null },
    { name: 'inner space', username: 'alice smith', problem: null },
    { name: 'empty', username: '', problem: 'format' },
    { name: 'blank', username: '   ', problem: 'format' },
    { name: 'leading space', username: ' alice', problem: 'format' },
    { name: 'trailing space', username: 'alice ', problem: 'format' },
    { name: 'control character', username: 'ali\u0000ce', problem: 'format' },
    { name: 'newline', username: 'alice\nbob', problem: 'format' },
    { name: 'unpaired surrogate', username: 'alice\ud800', problem: 'format' },
    { name: '128 code points', username: '😀'.repeat(128), problem: null },
    { name: '129 code points', username: 'a'.repeat(129), problem: 'too_long' },
    { name: 'reserved leading $', username: '$kii-app-admin', problem: 'format' },
    { name: 'inner $', username: 'al$ce', problem: null },
  ])('$name', ({ username, problem }) => {
    const errors = usernameErrors(username);
    expect(errors.map((e) => e.problem)).toEqual(problem === null ? [] : [problem]);
    for (const error of errors) expect(error.pointer).toBe('/username');
  });
});

describe('emailErrors', () => {
  it.each([
    { email: null, ok: true },
    { email: undefined, ok: true },
    { email: 'alice@example.com', ok: true },
    { email: `${'a'.repeat(250)}@b.c`, ok: true },
    { email: 'alice', ok: false },
    { email: 'alice@', ok: false },
    { email: '@example.com', ok: false },
    { email: 'a b@example.com', ok: false },
    { email: 'a@b@example.com', ok: false },
    { email: `${'a'.repeat(251)}@b.c`, ok: false },
  ])('$email', ({ email, ok }) => {
    expect(emailErrors(email).length === 0).toBe(ok);
  });
});

describe('displayNameErrors', () => {
  it('accepts null, a name, and refuses control characters and over 200 code points', () => {
    expect(displayNameErrors(null)).toEqual([]);
    expect(displayNameErrors('Grace Hopper')).toEqual([]);
    expect(displayNameErrors('Grace\u0007')).toHaveLength(1);
    expect(displayNameErrors('x'.repeat(201))[0]?.problem).toBe('too_long');
  });
});
