import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ARGON2ID_DEFAULTS, createArgon2idHasher, encodePepperKeyId, verifyArgon2Phc } from './argon2id-hasher.js';
import { parseArgon2Phc } from './argon2-phc.js';

const k1 = { id: 'k1', secret: randomBytes(32) };
const k2 = { id: 'k2', secret: randomBytes(48) };
const PASSWORD = 'a peppered password';

describe('Argon2id with a pepper', () => {
  it('writes the key id as keyid=<B64 of the id> in the parameter list, still an Argon2 PHC string', async () => {
    expect(encodePepperKeyId('k1')).toBe('azE');
    const hasher = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k1 } });
    const stored = await hasher.hash(PASSWORD);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1,keyid=azE\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(parseArgon2Phc(stored)).toMatchObject({ keyId: 'azE', saltBytes: 16, hashBytes: 32 });
    expect(await hasher.verify(stored, PASSWORD)).toBe(true);
    expect(await hasher.verify(stored, `${PASSWORD}!`)).toBe(false);
    expect(hasher.isCurrent(stored)).toBe(true);
  });

  it('the pepper is really applied: without the secret the hash does not verify', async () => {
    const stored = await createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k1 } }).hash(PASSWORD);
    expect(await verifyArgon2Phc(stored, PASSWORD)).toBe(false);
    expect(await verifyArgon2Phc(stored, PASSWORD, k1.secret)).toBe(true);
    expect(await verifyArgon2Phc(stored, PASSWORD, k2.secret)).toBe(false);
    // A hasher with no pepper holds no key for keyid=azE.
    expect(await createArgon2idHasher().verify(stored, PASSWORD)).toBe(false);
  });

  it('rotation: a hash under the previous key still verifies and is not current; new hashes use the new key', async () => {
    const before = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k1 } });
    const after = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k2, previous: [k1] } });
    const old = await before.hash(PASSWORD);
    expect(await after.verify(old, PASSWORD)).toBe(true);
    expect(after.isCurrent(old)).toBe(false);
    const fresh = await after.hash(PASSWORD);
    expect(fresh).toContain(`,keyid=${encodePepperKeyId('k2')}$`);
    expect(after.isCurrent(fresh)).toBe(true);
    // Once k1 is dropped, its hashes no longer verify.
    const dropped = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k2 } });
    expect(await dropped.verify(old, PASSWORD)).toBe(false);
  });

  it('a hash without a key id (made before the pepper) verifies without it and is not current', async () => {
    const unpeppered = await createArgon2idHasher().hash(PASSWORD);
    const hasher = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k1 } });
    expect(await hasher.verify(unpeppered, PASSWORD)).toBe(true);
    expect(hasher.isCurrent(unpeppered)).toBe(false);
  });

  it('an unknown key id is false, and a peppered hash is not current for an unpeppered hasher', async () => {
    const hasher = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k1 } });
    const stored = await hasher.hash(PASSWORD);
    const unknown = stored.replace('keyid=azE', 'keyid=azk');
    expect(await hasher.verify(unknown, PASSWORD)).toBe(false);
    expect(hasher.isCurrent(unknown)).toBe(false);
    expect(createArgon2idHasher().isCurrent(stored)).toBe(false);
  });

  it('verifyDummy works with a pepper', async () => {
    const hasher = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k1 } });
    await expect(hasher.verifyDummy('anything')).resolves.toBeUndefined();
  });

  it.each([
    ['short secret', { current: { id: 'k1', secret: randomBytes(31) } }],
    ['empty id', { current: { id: '', secret: randomBytes(32) } }],
    ['id too long', { current: { id: 'abcdefghi', secret: randomBytes(32) } }],
    ['id with $', { current: { id: 'k$', secret: randomBytes(32) } }],
    ['duplicate id', { current: k1, previous: [{ id: 'k1', secret: randomBytes(32) }] }],
  ])('refuses at construction: %s', (_name, pepper) => {
    expect(() => createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper })).toThrow(RangeError);
  });

  it.each(['keyid=', 'keyid=a', 'keyid=abcdefghijkl', 'keyid=az$E', 'keyid=azE,keyid=azE'])('parse refuses a malformed %s', (param) => {
    expect(parseArgon2Phc(`$argon2id$v=19$m=19456,t=2,p=1,${param}$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI`)).toBeNull();
  });
});
