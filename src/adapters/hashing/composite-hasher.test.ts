import { hash as bcryptHash } from '@node-rs/bcrypt';
import { describe, expect, it } from 'vitest';
import { signIn } from '../../core/use-cases/sign-in.js';
import type { Ports } from '../../core/ports/index.js';
import { ctx, makePorts, PASSWORDS, seedDefaultTenant, seedUser } from '../../core/testing/fakes.js';
import { DEFAULT_TENANT_ID } from '../../core/tenants/tenant.js';
import { ARGON2ID_DEFAULTS, createArgon2idHasher } from './argon2id-hasher.js';
import { createCompositeHasher } from './composite-hasher.js';
import { createLegacyVerifiers } from './legacy/index.js';
import { parseArgon2Phc } from './argon2-phc.js';

const current = createArgon2idHasher(ARGON2ID_DEFAULTS);
const hasher = createCompositeHasher(current, createLegacyVerifiers());
const BCRYPT_U = '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'; // "U*U"

describe('createCompositeHasher', () => {
  it('hashes with the current hasher; its own hashes are current', async () => {
    const stored = await hasher.hash('a new password');
    expect(parseArgon2Phc(stored)).toMatchObject({ algorithm: 'argon2id', memoryKiB: 19456 });
    expect(hasher.isCurrent(stored)).toBe(true);
    expect(await hasher.verify(stored, 'a new password')).toBe(true);
  });

  it('verifies a legacy format through its verifier and reports it not current', async () => {
    expect(await hasher.verify(BCRYPT_U, 'U*U')).toBe(true);
    expect(await hasher.verify(BCRYPT_U, 'U*V')).toBe(false);
    expect(hasher.isCurrent(BCRYPT_U)).toBe(false);
    expect(hasher.understands(BCRYPT_U)).toBe(true);
  });

  it('Argon2 with other parameters goes to the current hasher and is not current', async () => {
    const stronger = await createArgon2idHasher({ memoryKiB: 19456, iterations: 3, parallelism: 1 }).hash('pw');
    expect(await hasher.verify(stronger, 'pw')).toBe(true);
    expect(hasher.isCurrent(stronger)).toBe(false);
    const django = 'argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q';
    expect(await hasher.verify(django, 'secret')).toBe(true);
    expect(hasher.isCurrent(django)).toBe(false);
  });

  it('an unknown format is false, not current, and still costs a dummy verification', async () => {
    for (const stored of ['md5$$5f4dcc3b5aa765d61d8327deb882cf99', 'plaintext', '']) {
      const started = performance.now();
      expect(await hasher.verify(stored, 'password')).toBe(false);
      expect(performance.now() - started).toBeGreaterThan(1);
      expect(hasher.isCurrent(stored)).toBe(false);
      expect(hasher.understands(stored)).toBe(false);
    }
  });

  it('understands only what it would verify: known formats with parameters within bounds (import asks this)', () => {
    const salt = 'c29tZXNhbHRzb21lc2FsdA';
    const within = [
      BCRYPT_U,
      `$argon2id$v=19$m=19456,t=2,p=1$${salt}$aGFzaGhhc2hoYXNoaGFzaA`,
      'pbkdf2_sha256$1200000$salt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=',
      `keycloak$pbkdf2-sha256$27500$${salt}==$${'A'.repeat(86)}==`,
      '$scrypt$ln=17,r=8,p=1$c2FsdA$KXXf8GmVmUQTGZ9L0BWzp7rywGFqGVKQ+kazyyuoqFM',
    ];
    const beyond = [
      BCRYPT_U.replace('$05$', '$15$'),
      `$argon2id$v=19$m=4194304,t=2,p=1$${salt}$aGFzaGhhc2hoYXNoaGFzaA`,
      `$argon2id$v=19$m=19456,t=2,p=1,keyid=azk$${salt}$aGFzaGhhc2hoYXNoaGFzaA`,
      'pbkdf2_sha256$1200001$salt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=',
      `keycloak$pbkdf2-sha512$1300000$${salt}==$${'A'.repeat(86)}==`,
      '$scrypt$ln=18,r=8,p=1$c2FsdA$KXXf8GmVmUQTGZ9L0BWzp7rywGFqGVKQ+kazyyuoqFM',
      'scrypt$16384$salt$8$17$KXXf8GmVmUQTGZ9L0BWzp7rywGFqGVKQ+kazyyuoqFM=',
      'firebase-scrypt$8$18$a2V5$Bw==$c2FsdA==$aGFzaA==',
      'bcrypt_sha256$$2b$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    ];
    for (const stored of within) expect(hasher.understands(stored), stored).toBe(true);
    for (const stored of beyond) expect(hasher.understands(stored), stored).toBe(false);
  });

  it('a verifier that throws counts as false', async () => {
    const throwing = createCompositeHasher(current, [
      { name: 'boom', understands: () => true, verify: () => Promise.reject(new Error('boom')) },
    ]);
    expect(await throwing.verify('boom$1', 'x')).toBe(false);
  });
});

describe('log-in upgrades a legacy hash (the real sign-in use case)', () => {
  async function setUp(stored: (password: string) => Promise<string>) {
    const ports: Ports = { ...makePorts(), hasher };
    await seedDefaultTenant(ports);
    const alice = await seedUser(ports, { username: 'alice' });
    await ports.credentials.commitPasswordChange({
      tenantId: DEFAULT_TENANT_ID,
      userId: alice.id,
      expectedVersion: null,
      hash: await stored(PASSWORDS.alice),
      temporary: false,
      changedAt: ports.clock.now(),
      keepHistory: 0,
      newSession: null,
      auditEvents: [],
    });
    return { ports, userId: alice.id };
  }

  it('bcrypt: signs in, then the stored hash is Argon2id and the same password still works', async () => {
    const { ports, userId } = await setUp((password) => bcryptHash(password, 4));
    const before = await ports.credentials.get(DEFAULT_TENANT_ID, userId);
    expect(before?.hash).toMatch(/^\$2[aby]\$04\$/);

    await expect(signIn(ports, { tenantId: DEFAULT_TENANT_ID, username: 'alice', password: 'wrong password here' }, ctx)).rejects.toThrow();
    expect((await ports.credentials.get(DEFAULT_TENANT_ID, userId))?.hash).toBe(before?.hash);

    await signIn(ports, { tenantId: DEFAULT_TENANT_ID, username: 'alice', password: PASSWORDS.alice }, ctx);
    const after = await ports.credentials.get(DEFAULT_TENANT_ID, userId);
    expect(parseArgon2Phc(after?.hash ?? '')).toMatchObject({ algorithm: 'argon2id', version: 19, memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect(hasher.isCurrent(after?.hash ?? '')).toBe(true);

    await signIn(ports, { tenantId: DEFAULT_TENANT_ID, username: 'alice', password: PASSWORDS.alice }, ctx);
    expect((await ports.credentials.get(DEFAULT_TENANT_ID, userId))?.hash).toBe(after?.hash);
  });

  it('pepper rotation: a hash under the old key is rehashed under the new one at log-in', async () => {
    const k1 = { id: 'k1', secret: new Uint8Array(32).fill(1) };
    const k2 = { id: 'k2', secret: new Uint8Array(32).fill(2) };
    const old = createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k1 } });
    const rotated = createCompositeHasher(createArgon2idHasher(ARGON2ID_DEFAULTS, { pepper: { current: k2, previous: [k1] } }), createLegacyVerifiers());
    const { ports, userId } = await setUp((password) => old.hash(password));
    const withRotated: Ports = { ...ports, hasher: rotated };
    await signIn(withRotated, { tenantId: DEFAULT_TENANT_ID, username: 'alice', password: PASSWORDS.alice }, ctx);
    const after = await ports.credentials.get(DEFAULT_TENANT_ID, userId);
    expect(after?.hash).toContain(',keyid=azI$');
  });
});
