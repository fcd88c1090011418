import { createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { describe, expect, it } from 'vitest';
import { createBcryptVerifier } from './bcrypt-verifier.js';
import { createDjangoVerifier } from './django-verifier.js';
import { createFirebaseScryptVerifier, firebaseScrypt, firebaseScryptToStored } from './firebase-scrypt-verifier.js';
import { createLegacyVerifiers, LEGACY_BOUNDS } from './index.js';
import { createKeycloakVerifier, keycloakCredentialToStored } from './keycloak-verifier.js';
import { createPhcVerifier } from './phc-verifier.js';
import { createShaVerifier } from './sha-verifier.js';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unpadded = (bytes: Uint8Array): string => b64(bytes).replace(/=+$/, '');

/**
 * Changes one character of the last `$` field, keeping the alphabet and length; far enough from the
 * end that it is never padding or base64's unused trailing bits.
 */
function tamper(stored: string): string {
  const i = stored.length - 8;
  const c = stored[i];
  return `${stored.slice(0, i)}${c === 'A' ? 'B' : 'A'}${stored.slice(i + 1)}`;
}

/** Resolves false quickly: the bound refused the string before any derivation. */
async function refusedFast(verify: Promise<boolean>): Promise<void> {
  const started = performance.now();
  await expect(verify).resolves.toBe(false);
  expect(performance.now() - started).toBeLessThan(100);
}

describe('bcrypt', () => {
  const verifier = createBcryptVerifier();

  // Openwall crypt_blowfish's published test vectors; $2y$ and $2b$ compute the same for these.
  it.each([
    ['$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'],
    ['$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK', 'U*U*'],
    ['$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a', 'U*U*U'],
    ['$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'],
    ['$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'],
  ])('verifies the published vector %s', async (stored, password) => {
    expect(verifier.understands(stored)).toBe(true);
    expect(await verifier.verify(stored, password)).toBe(true);
    expect(await verifier.verify(stored, `${password}x`)).toBe(false);
    expect(await verifier.verify(tamper(stored), password)).toBe(false);
  });

  it('verifies a hash made by @node-rs/bcrypt', async () => {
    const stored = await bcryptHash('a bcrypt password', 4);
    expect(await verifier.verify(stored, 'a bcrypt password')).toBe(true);
    expect(await verifier.verify(stored, 'a bcrypt passworD')).toBe(false);
  });

  it(`refuses costs above ${LEGACY_BOUNDS.bcryptMaxCost} without doing the work`, async () => {
    await refusedFast(verifier.verify('$2b$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'));
    await refusedFast(verifier.verify('$2b$15$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'));
  });

  it.each(['', '$2b$05$short', '$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', '$2b$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'])(
    'false for malformed %j',
    async (stored) => {
      expect(await verifier.verify(stored, 'U*U')).toBe(false);
    },
  );
});

describe('Django', () => {
  const verifier = createDjangoVerifier();

  // Django 3.2's tests/auth_tests/test_hashers.py vectors (as mirrored by the djangohashers crate).
  it.each([
    ['pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=', 'lètmein'],
    ['pbkdf2_sha256$260000$seasalt2$UCGMhrOoaq1ghQPArIBK5RkI6IZLRxlIwHWA1dMy7y8=', 'lètmein'],
    ['pbkdf2_sha1$260000$seasalt2$wAibXvW6jgvatCdONi6SMJ6q7mI=', 'lètmein'],
    ['argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg', 'secret'],
    ['argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q', 'secret'],
  ])('verifies Django test vector %s', async (stored, password) => {
    expect(verifier.understands(stored)).toBe(true);
    expect(await verifier.verify(stored, password)).toBe(true);
    expect(await verifier.verify(stored, `${password}z`)).toBe(false);
    expect(await verifier.verify(tamper(stored), password)).toBe(false);
  });

  it('verifies bcrypt_sha256 (bcrypt of the hex SHA-256) and plain bcrypt', async () => {
    const password = 'a long passphrase that bcrypt alone would truncate after seventy-two bytes, which is why';
    const digest = createHash('sha256').update(password).digest('hex');
    const stored = `bcrypt_sha256$${await bcryptHash(digest, 4)}`;
    expect(await verifier.verify(stored, password)).toBe(true);
    expect(await verifier.verify(stored, `${password}!`)).toBe(false);
    const plain = `bcrypt$${await bcryptHash('short one', 4)}`;
    expect(await verifier.verify(plain, 'short one')).toBe(true);
    expect(await verifier.verify(plain, 'short two')).toBe(false);
  });

  it('verifies scrypt$N$salt$r$p$hash (Django 4.0+), checked against node:crypto', async () => {
    const hash = scryptSync('lètmein', 'seasalt', 64, { N: 2 ** 14, r: 8, p: 1 });
    const stored = `scrypt$16384$seasalt$8$1$${b64(hash)}`;
    expect(await verifier.verify(stored, 'lètmein')).toBe(true);
    expect(await verifier.verify(stored, 'letmein')).toBe(false);
  });

  it('refuses over-bound parameters without doing the work', async () => {
    await refusedFast(verifier.verify('pbkdf2_sha256$1200001$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=', 'lètmein'));
    await refusedFast(verifier.verify('pbkdf2_sha256$4000000000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=', 'lètmein'));
    await refusedFast(verifier.verify(`scrypt$1048576$seasalt$8$1$${b64(randomBytes(64))}`, 'x'));
    await refusedFast(verifier.verify(`scrypt$16384$seasalt$1024$1$${b64(randomBytes(64))}`, 'x'));
    await refusedFast(verifier.verify(`argon2$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$${unpadded(randomBytes(32))}`, 'x'));
    await refusedFast(verifier.verify('bcrypt$$2b$20$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'));
  });

  it.each(['pbkdf2_sha256$', 'pbkdf2_sha256$0$salt$aGFzaA==', 'pbkdf2_sha256$01$salt$aGFzaA==', 'pbkdf2_sha256$10$salt$not base64!', 'pbkdf2_sha256$10$salt$aGFzaA==$x', 'argon2$nope', 'bcrypt_sha256$2b$'])(
    'false for malformed %j',
    async (stored) => {
      expect(await verifier.verify(stored, 'x')).toBe(false);
    },
  );
});

describe('PHC pbkdf2 and scrypt', () => {
  const verifier = createPhcVerifier();

  it('verifies dnsdist\'s scrypt string (padded base64, parameters in another order)', async () => {
    const stored = '$scrypt$ln=10,p=1,r=8$6DKLnvUYEeXWh3JNOd3iwg==$kSrhdHaRbZ7R74q3lGBqO1xetgxRxhmWzYJ2Qvfm7JM=';
    expect(await verifier.verify(stored, 'secret')).toBe(true);
    expect(await verifier.verify(stored, 'Secret')).toBe(false);
  });

  it('verifies passlib-style pbkdf2 and scrypt strings (a published cross-language pair)', async () => {
    const salt = 'c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0c2FsdHNhbHQ';
    const pbkdf2 = `$pbkdf2-sha256$1000$${salt}$NQw0IIbZMo3k82KG1TAVtju63YeHXZMliByZZ4DKD9o`;
    const scrypt = `$scrypt$ln=10,r=8,p=1$${salt}$KXXf8GmVmUQTGZ9L0BWzp7rywGFqGVKQ+kazyyuoqFM`;
    for (const stored of [pbkdf2, scrypt]) {
      expect(verifier.understands(stored)).toBe(true);
      expect(await verifier.verify(stored, 'cross-language-test')).toBe(true);
      expect(await verifier.verify(stored, 'cross-language-tesT')).toBe(false);
      expect(await verifier.verify(tamper(stored), 'cross-language-test')).toBe(false);
    }
  });

  it.each([
    ['pbkdf2', 'sha1', 20],
    ['pbkdf2-sha256', 'sha256', 32],
    ['pbkdf2-sha512', 'sha512', 64],
  ] as const)('verifies $%s$ in the passlib (adapted base64) and PHC (i=,l=) forms', async (id, digest, length) => {
    const salt = randomBytes(16);
    const hash = pbkdf2Sync('pässword', salt, 1000, length, digest);
    const adapted = (bytes: Buffer) => unpadded(bytes).replace(/\+/g, '.');
    for (const stored of [`$${id}$1000$${adapted(salt)}$${adapted(hash)}`, `$${id}$i=1000,l=${length}$${unpadded(salt)}$${unpadded(hash)}`]) {
      expect(await verifier.verify(stored, 'pässword')).toBe(true);
      expect(await verifier.verify(stored, 'password')).toBe(false);
    }
  });

  it('refuses over-bound parameters without doing the work', async () => {
    const salt = unpadded(randomBytes(16));
    const hash = unpadded(randomBytes(32));
    await refusedFast(verifier.verify(`$pbkdf2-sha256$1200001$${salt}$${hash}`, 'x'));
    await refusedFast(verifier.verify(`$pbkdf2-sha256$i=99999999$${salt}$${hash}`, 'x'));
    // 64 bytes of SHA-1 output cost four blocks per iteration: 700,000 × 4 is over the bound.
    await refusedFast(verifier.verify(`$pbkdf2$700000$${salt}$${unpadded(randomBytes(64))}`, 'x'));
    await refusedFast(verifier.verify(`$pbkdf2-sha256$1000$${salt}$${unpadded(randomBytes(200))}`, 'x'));
    await refusedFast(verifier.verify(`$scrypt$ln=18,r=8,p=1$${salt}$${hash}`, 'x'));
    await refusedFast(verifier.verify(`$scrypt$ln=17,r=16,p=1$${salt}$${hash}`, 'x'));
    await refusedFast(verifier.verify(`$scrypt$ln=14,r=8,p=16$${salt}$${hash}`, 'x'));
    await refusedFast(verifier.verify(`$scrypt$ln=40,r=8,p=1$${salt}$${hash}`, 'x'));
  });

  it.each(['$scrypt$ln=10,r=8$c2FsdA$aGFzaA', '$scrypt$ln=10,r=8,p=1,x=2$c2FsdA$aGFzaA', '$pbkdf2-sha256$i=1000,q=3$c2FsdA$aGFzaA', '$pbkdf2-md5$1000$c2FsdA$aGFzaA', '$pbkdf2-sha256$1000$c2FsdA', '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA'])(
    'does not understand or verify %j',
    async (stored) => {
      expect(await verifier.verify(stored, 'x')).toBe(false);
    },
  );
});

describe('Keycloak', () => {
  const verifier = createKeycloakVerifier();

  function keycloakExport(algorithm: string, digest: 'sha1' | 'sha256' | 'sha512', password: string, iterations = 27_500) {
    const salt = randomBytes(16);
    const value = pbkdf2Sync(password, salt, iterations, 64, digest);
    return {
      type: 'password',
      createdDate: 1_700_000_000_000,
      secretData: JSON.stringify({ value: b64(value), salt: b64(salt), additionalParameters: {} }),
      credentialData: JSON.stringify({ hashIterations: iterations, algorithm, additionalParameters: {} }),
    };
  }

  it.each([
    ['pbkdf2', 'sha1'],
    ['pbkdf2-sha256', 'sha256'],
    ['pbkdf2-sha512', 'sha512'],
  ] as const)('converts and verifies a %s export (512-bit value, as Keycloak writes)', async (algorithm, digest) => {
    const stored = keycloakCredentialToStored(keycloakExport(algorithm, digest, 'kéycloak pw'));
    expect(stored).toMatch(new RegExp(`^keycloak\\$${algorithm}\\$27500\\$`));
    if (stored === null) throw new Error('unreachable');
    expect(verifier.understands(stored)).toBe(true);
    expect(await verifier.verify(stored, 'kéycloak pw')).toBe(true);
    expect(await verifier.verify(stored, 'keycloak pw')).toBe(false);
    expect(await verifier.verify(tamper(stored), 'kéycloak pw')).toBe(false);
  });

  it('accepts already-parsed secretData and credentialData', () => {
    const parsed = keycloakExport('pbkdf2-sha256', 'sha256', 'x');
    const again = { ...parsed, secretData: JSON.parse(parsed.secretData) as unknown, credentialData: JSON.parse(parsed.credentialData) as unknown };
    expect(keycloakCredentialToStored(again)).toBe(keycloakCredentialToStored(parsed));
  });

  it('converts an argon2 export into an Argon2 PHC string', () => {
    const salt = Buffer.from('0123456789abcdef');
    const value = Buffer.alloc(32, 1);
    const stored = keycloakCredentialToStored({
      type: 'password',
      secretData: JSON.stringify({ value: b64(value), salt: b64(salt), additionalParameters: {} }),
      credentialData: JSON.stringify({
        hashIterations: 5,
        algorithm: 'argon2',
        additionalParameters: { hashLength: ['32'], memory: ['7168'], type: ['id'], version: ['1.3'], parallelism: ['1'] },
      }),
    });
    expect(stored).toBe(`$argon2id$v=19$m=7168,t=5,p=1$${unpadded(salt)}$${unpadded(value)}`);
  });

  it.each([
    ['not JSON', 'nope'],
    ['other type', { type: 'otp', secretData: '{}', credentialData: '{}' }],
    ['unknown algorithm', { type: 'password', secretData: '{"value":"aGFzaA==","salt":"c2FsdA=="}', credentialData: '{"hashIterations":1,"algorithm":"md5"}' }],
    ['bad iterations', { type: 'password', secretData: '{"value":"aGFzaA==","salt":"c2FsdA=="}', credentialData: '{"hashIterations":"many","algorithm":"pbkdf2"}' }],
    ['bad base64', { type: 'password', secretData: '{"value":"!!","salt":"c2FsdA=="}', credentialData: '{"hashIterations":1,"algorithm":"pbkdf2"}' }],
    ['broken secretData', { type: 'password', secretData: '{', credentialData: '{"hashIterations":1,"algorithm":"pbkdf2"}' }],
  ])('conversion returns null for %s', (_name, input) => {
    expect(keycloakCredentialToStored(input)).toBeNull();
  });

  it('refuses over-bound iterations without doing the work', async () => {
    await refusedFast(verifier.verify(`keycloak$pbkdf2-sha512$9999999999$${b64(randomBytes(16))}$${b64(randomBytes(64))}`, 'x'));
    // 64-byte SHA-256 output costs two blocks per iteration: 1,200,001 × 2 > 2,400,000.
    await refusedFast(verifier.verify(`keycloak$pbkdf2-sha256$1200001$${b64(randomBytes(16))}$${b64(randomBytes(64))}`, 'x'));
  });
});

describe('SHA-256 / SHA-512', () => {
  const verifier = createShaVerifier();

  it('verifies salted and unsalted forms against published digests', async () => {
    // SHA-256("abc") and SHA-512("abc") from FIPS 180-2.
    const sha256abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    const sha512abc =
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f';
    expect(await verifier.verify(`sha256$$${sha256abc}`, 'abc')).toBe(true);
    expect(await verifier.verify(`sha256$a$${sha256abc}`, 'bc')).toBe(true);
    expect(await verifier.verify(`sha256$$${sha256abc.toUpperCase()}`, 'abc')).toBe(true);
    expect(await verifier.verify(`sha512$ab$${sha512abc}`, 'c')).toBe(true);
    expect(await verifier.verify(`sha256$$${sha256abc}`, 'abd')).toBe(false);
    expect(await verifier.verify(`sha256$$${tamper(sha256abc)}`, 'abc')).toBe(false);
  });

  it.each(['sha256$$abcd', `sha256$x$${'a'.repeat(128)}`, `sha512$x$${'a'.repeat(64)}`, `sha256$a$b$${'a'.repeat(64)}`, `md5$$${'a'.repeat(32)}`])(
    'does not understand %j',
    async (stored) => {
      expect(verifier.understands(stored)).toBe(false);
      expect(await verifier.verify(stored, 'x')).toBe(false);
    },
  );
});

describe('Firebase modified scrypt', () => {
  const verifier = createFirebaseScryptVerifier();
  // The sample in github.com/firebase/scrypt's README ("Sample Password hash parameters").
  const config = {
    rounds: 8,
    memCost: 14,
    base64SignerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
    base64SaltSeparator: 'Bw==',
  };
  const user = { salt: '42xEC+ixf3L2lw==', passwordHash: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==' };

  it("reproduces Firebase's published hash", async () => {
    const hash = await firebaseScrypt('user1password', Buffer.from(user.salt, 'base64'), {
      rounds: 8,
      memCost: 14,
      signerKey: Buffer.from(config.base64SignerKey, 'base64'),
      saltSeparator: Buffer.from(config.base64SaltSeparator, 'base64'),
    });
    expect(b64(hash)).toBe(user.passwordHash);
  });

  it('verifies the stored form built from the export', async () => {
    const stored = firebaseScryptToStored(user, config);
    expect(verifier.understands(stored)).toBe(true);
    expect(await verifier.verify(stored, 'user1password')).toBe(true);
    expect(await verifier.verify(stored, 'user2password')).toBe(false);
    expect(await verifier.verify(tamper(stored), 'user1password')).toBe(false);
    expect(await verifier.verify(stored.replace('$Bw==$', '$CA==$'), 'user1password')).toBe(false);
  });

  it('refuses over-bound memCost and rounds without doing the work', async () => {
    await refusedFast(verifier.verify(firebaseScryptToStored(user, { ...config, memCost: 18 }), 'user1password'));
    await refusedFast(verifier.verify(firebaseScryptToStored(user, { ...config, memCost: 17, rounds: 9 }), 'user1password'));
    await refusedFast(verifier.verify(firebaseScryptToStored(user, { ...config, memCost: 99 }), 'user1password'));
  });
});

describe('the default table', () => {
  it('has exactly one verifier for each sample, and none for Argon2 PHC strings', () => {
    const verifiers = createLegacyVerifiers();
    const samples = [
      '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
      'pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=',
      'bcrypt_sha256$$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
      '$scrypt$ln=10,p=1,r=8$6DKLnvUYEeXWh3JNOd3iwg==$kSrhdHaRbZ7R74q3lGBqO1xetgxRxhmWzYJ2Qvfm7JM=',
      `keycloak$pbkdf2-sha256$27500$${b64(randomBytes(16))}$${b64(randomBytes(64))}`,
      `sha256$$${'a'.repeat(64)}`,
      firebaseScryptToStored({ salt: 'c2FsdA==', passwordHash: 'aGFzaA==' }, { rounds: 8, memCost: 14, base64SignerKey: 'a2V5', base64SaltSeparator: 'Bw==' }),
    ];
    for (const sample of samples) expect(verifiers.filter((v) => v.understands(sample)).map((v) => v.name), sample).toHaveLength(1);
    expect(verifiers.some((v) => v.understands('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNo'))).toBe(false);
  });

  it('every verifier returns false, never throws, for hostile input', async () => {
    const inputs = ['', '$', '$$$$', 'x'.repeat(100_000), `pbkdf2_sha256$${'9'.repeat(5000)}$s$h`, '\u0000', '$2b$'];
    for (const verifier of createLegacyVerifiers()) {
      for (const input of inputs) await expect(verifier.verify(input, 'pw'), `${verifier.name} ${input.slice(0, 20)}`).resolves.toBe(false);
    }
  });
});
