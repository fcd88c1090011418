import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNodeSecretTokens, GENERATED_PASSWORD_LENGTH, PASSWORD_ALPHABET, randomString } from './node-secret-tokens.js';

const tokens = createNodeSecretTokens();
const URL_SAFE = /^[A-Za-z0-9_-]+$/;

function many(make: () => string, n = 2000): string[] {
  return Array.from({ length: n }, make);
}

describe('createNodeSecretTokens', () => {
  it('newToken carries 256 random bits, base64url without padding, never repeating', () => {
    const all = many(tokens.newToken);
    for (const t of all) {
      expect(t).toMatch(URL_SAFE);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('digest(%j) is hex SHA-256', (input, expected) => {
    expect(tokens.digest(input)).toBe(expected);
  });

  it('digest is deterministic, 64 lower-case hex characters, and differs per token', () => {
    const t = tokens.newToken();
    expect(tokens.digest(t)).toBe(tokens.digest(t));
    expect(tokens.digest(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens.digest(t)).toBe(createHash('sha256').update(t).digest('hex'));
    expect(tokens.digest(t)).not.toBe(tokens.digest(tokens.newToken()));
  });

  it('newId is opaque, URL-safe, 22 characters (128 bits), unique', () => {
    const all = many(tokens.newId);
    for (const id of all) {
      expect(id).toMatch(URL_SAFE);
      expect(id).toHaveLength(22);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('newPassword has at least 128 bits from an unambiguous alphabet of at least 56 symbols', () => {
    expect(new Set(PASSWORD_ALPHABET).size).toBe(PASSWORD_ALPHABET.length);
    expect(PASSWORD_ALPHABET.length).toBeGreaterThanOrEqual(56);
    expect(PASSWORD_ALPHABET).not.toMatch(/[0O1Il|o]/);
    expect(GENERATED_PASSWORD_LENGTH * Math.log2(PASSWORD_ALPHABET.length)).toBeGreaterThanOrEqual(128);
    const all = many(tokens.newPassword);
    const shape = new RegExp(`^[${PASSWORD_ALPHABET}]{${GENERATED_PASSWORD_LENGTH}}$`);
    expect(all.filter((pw) => !shape.test(pw))).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('randomString draws every symbol about equally often (no modulo bias)', () => {
    // 56 symbols: with plain `byte % 56`, symbols 0–31 would appear 5/4.57 ≈ 9 % more often than 32–55.
    const counts = new Map<string, number>();
    const sample = randomString(PASSWORD_ALPHABET, 112_000);
    for (const ch of sample) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(PASSWORD_ALPHABET.length);
    const low = [...PASSWORD_ALPHABET.slice(0, 32)].reduce((sum, ch) => sum + (counts.get(ch) ?? 0), 0) / 32;
    const high = [...PASSWORD_ALPHABET.slice(32)].reduce((sum, ch) => sum + (counts.get(ch) ?? 0), 0) / 24;
    // Expected 2000 each; a biased generator would give low/high ≈ 1.09.
    expect(low / high).toBeGreaterThan(0.97);
    expect(low / high).toBeLessThan(1.03);
  });

  it.each([1, 2, 10, 64, 255])('randomString works for a %i-symbol alphabet', (size) => {
    const alphabet = Array.from({ length: size }, (_, i) => String.fromCharCode(0x100 + i)).join('');
    const s = randomString(alphabet, 50);
    expect(s).toHaveLength(50);
    for (const ch of s) expect(alphabet).toContain(ch);
  });
});
