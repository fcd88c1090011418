import { hash as argon2Hash } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { ARGON2ID_DEFAULTS, ARGON2ID_FLOOR, createArgon2idHasher } from './argon2id-hasher.js';
import { parseArgon2Phc } from './argon2-phc.js';

const hasher = createArgon2idHasher(ARGON2ID_DEFAULTS);

describe('createArgon2idHasher', () => {
  it('defaults to the floor m=19456 KiB, t=2, p=1', () => {
    expect(ARGON2ID_DEFAULTS).toEqual({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect(ARGON2ID_FLOOR).toEqual(ARGON2ID_DEFAULTS);
  });

  it('writes argon2id v=19 PHC with a 16-byte salt and 32-byte output, fresh salt each time', async () => {
    const a = await hasher.hash('correct horse battery staple');
    const b = await hasher.hash('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(parseArgon2Phc(a)).toMatchObject({ saltBytes: 16, hashBytes: 32 });
    expect(a).not.toBe(b);
    expect(await hasher.verify(a, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(a, 'correct horse battery stapl')).toBe(false);
  });

  it('verifies the whole password: 80 characters vs another sharing its first 72 bytes', async () => {
    const prefix = 'x'.repeat(72);
    const first = `${prefix}${'a'.repeat(8)}`;
    const second = `${prefix}${'b'.repeat(8)}`;
    expect(first).toHaveLength(80);
    const stored = await hasher.hash(first);
    expect(await hasher.verify(stored, first)).toBe(true);
    expect(await hasher.verify(stored, second)).toBe(false);
    expect(await hasher.verify(stored, prefix)).toBe(false);
  });

  it('does not normalise: NFC and NFD forms of "é" are different passwords to the hasher', async () => {
    const nfc = 'caf\u00e9 au lait with milk';
    const nfd = 'cafe\u0301 au lait with milk';
    const stored = await hasher.hash(nfc);
    expect(await hasher.verify(stored, nfc)).toBe(true);
    expect(await hasher.verify(stored, nfd)).toBe(false);
  });

  it.each([
    { name: 'memory below floor', params: { memoryKiB: 19455, iterations: 2, parallelism: 1 } },
    { name: 'iterations below floor', params: { memoryKiB: 19456, iterations: 1, parallelism: 1 } },
    { name: 'parallelism zero', params: { memoryKiB: 19456, iterations: 2, parallelism: 0 } },
    { name: 'fractional', params: { memoryKiB: 19456.5, iterations: 2, parallelism: 1 } },
    { name: 'NaN', params: { memoryKiB: Number.NaN, iterations: 2, parallelism: 1 } },
    { name: 'above what verify accepts', params: { memoryKiB: 19456, iterations: 21, parallelism: 1 } },
  ])('refuses at construction: $name', ({ params }) => {
    expect(() => createArgon2idHasher(params)).toThrow(RangeError);
  });

  it('accepts parameters above the floor', () => {
    expect(() => createArgon2idHasher({ memoryKiB: 65536, iterations: 3, parallelism: 2 })).not.toThrow();
  });

  it('isCurrent is true only for argon2id v19 with the configured parameters', async () => {
    const stored = await hasher.hash('a password long enough');
    const salt = 'c29tZXNhbHRzb21lc2FsdA';
    const out = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI';
    const cases: Array<[string, string, boolean]> = [
      ['own hash', stored, true],
      ['more memory', stored.replace('m=19456', 'm=65536'), false],
      ['more iterations', stored.replace('t=2', 't=3'), false],
      ['more parallelism', stored.replace('p=1', 'p=2'), false],
      ['argon2i', `$argon2i$v=19$m=19456,t=2,p=1$${salt}$${out}`, false],
      ['version 0x10', `$argon2id$v=16$m=19456,t=2,p=1$${salt}$${out}`, false],
      ['short salt', `$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$${out}`, false],
      ['bcrypt', '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234', false],
      ['garbage', 'not a hash', false],
    ];
    for (const [name, input, expected] of cases) expect(hasher.isCurrent(input), name).toBe(expected);
    expect(createArgon2idHasher({ memoryKiB: 19456, iterations: 3, parallelism: 1 }).isCurrent(stored)).toBe(false);
  });

  it('verifies hashes made with other parameters (so they can be rehashed after log-in)', async () => {
    const stronger = createArgon2idHasher({ memoryKiB: 19456, iterations: 3, parallelism: 1 });
    const stored = await stronger.hash('an older hash to migrate');
    expect(await hasher.verify(stored, 'an older hash to migrate')).toBe(true);
    expect(hasher.isCurrent(stored)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['plain text', 'password'],
    ['truncated', '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA'],
    ['bcrypt', '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
    ['salt too short for argon2', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'],
    ['memory below 8p', '$argon2id$v=19$m=1,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'],
    ['hostile memory (4 GiB)', '$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'],
    ['hostile memory (just over 1 GiB)', '$argon2id$v=19$m=1048577,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'],
    ['hostile iterations', '$argon2id$v=19$m=19456,t=100000,p=1$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'],
    ['hostile parallelism', '$argon2id$v=19$m=19456,t=2,p=255$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'],
  ])('verify returns false, never throws, for a malformed or hostile hash: %s', async (_name, stored) => {
    const started = performance.now();
    await expect(hasher.verify(stored, 'password')).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects a hostile hash before running it (a real t=21 hash is refused)', async () => {
    const stored = await argon2Hash('pw', { algorithm: 2 as Algorithm, memoryCost: 8, timeCost: 21, parallelism: 1 });
    expect(await hasher.verify(stored, 'pw')).toBe(false);
  });

  it('verifyDummy does real work at the current parameters and computes its hash once', async () => {
    await hasher.verifyDummy('first call computes the dummy hash');
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await hasher.verifyDummy('any password at all');
      times.push(performance.now() - started);
    }
    // A real verification at m=19456, t=2 takes milliseconds, not microseconds.
    expect(Math.min(...times)).toBeGreaterThan(1);
  });

  it('verifyDummy shares one lazily computed hash between concurrent first calls', async () => {
    const fresh = createArgon2idHasher();
    await expect(Promise.all([fresh.verifyDummy('a'), fresh.verifyDummy('b')])).resolves.toEqual([undefined, undefined]);
  });
});
