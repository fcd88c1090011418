import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedTenant, seedUser, signInAs } from '../testing/fakes.js';
import { importUsers, MAX_IMPORT_ROWS, type ImportUserRow } from './import-users.js';
import { signIn } from './sign-in.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedTenant(ports, { id: 'acme', name: 'Acme' });
  return ports;
}

type TestPorts = Awaited<ReturnType<typeof setup>>;

const run = (ports: TestPorts, rows: ImportUserRow[], tenantId = 'default') => importUsers(ports, OPERATOR, { tenantId, rows }, ctx);

describe('importUsers', () => {
  it('creates users from a stored hash or a plaintext password; each can log in; results hold no secret', async () => {
    const ports = await setup();
    const legacyHash = await ports.hasher.hash(PASSWORDS.alice);
    const result = await run(ports, [
      { username: 'alice', email: 'alice@example.com', displayName: 'Alice', passwordHash: legacyHash },
      { username: 'bob', password: PASSWORDS.other, roles: ['admin', 'member'] },
      { username: 'carol' },
    ]);
    expect(result).toMatchObject({ created: 3, skipped: 0, failed: 0 });
    expect(result.results.map((r) => [r.index, r.username, r.status])).toEqual([[0, 'alice', 'created'], [1, 'bob', 'created'], [2, 'carol', 'created']]);
    expect(JSON.stringify(result)).not.toMatch(/fake\$|tangerine|copper/);

    await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
    const bob = await signIn(ports, { tenantId: 'default', username: 'bob', password: PASSWORDS.other }, ctx);
    expect(bob.passwordChangeRequired).toBe(false);
    expect(bob.user.roles).toEqual(['admin', 'member']);
    const events = await auditEvents(ports);
    expect(events.filter((e) => e.type === 'user.create' && e.reason === 'import')).toHaveLength(3);
  });

  it('is idempotent: a second run skips every existing username and changes nothing', async () => {
    const ports = await setup();
    const rows: ImportUserRow[] = [{ username: 'alice', password: PASSWORDS.alice }, { username: 'Bob', passwordHash: await ports.hasher.hash(PASSWORDS.other) }];
    const first = await run(ports, rows);
    const before = await ports.credentials.get('default', first.results[0]?.status === 'created' ? first.results[0].userId : '');
    ports.hasher.resetCalls();
    const second = await run(ports, [...rows, { username: 'BOB', password: PASSWORDS.alice2 }]);
    expect(second).toMatchObject({ created: 0, skipped: 3, failed: 0 });
    expect(second.results[2]).toMatchObject({ status: 'skipped', reason: 'exists', userId: second.results[1]?.status === 'skipped' ? second.results[1].userId : 'x' });
    expect(ports.hasher.calls.hash).toBe(0);
    expect(await ports.credentials.get('default', before?.userId ?? '')).toEqual(before);
  });

  it('refuses a hash the hasher does not understand (unknown format or out of bounds) without writing the user', async () => {
    const ports = await setup();
    const result = await run(ports, [{ username: 'mallory', passwordHash: 'md5$$5f4dcc3b5aa765d61d8327deb882cf99' }, { username: 'eve', passwordHash: 'x'.repeat(5000) }]);
    expect(result).toMatchObject({ created: 0, failed: 2 });
    expect(result.results[0]).toMatchObject({ status: 'failed', error: { kind: 'RequestInvalid', errors: [{ pointer: '/passwordHash' }] } });
    expect(JSON.stringify(result)).not.toContain('5f4dcc3b');
    expect(await ports.users.getByUsernameKey('default', 'mallory')).toBeUndefined();
    expect(await ports.users.getByUsernameKey('default', 'eve')).toBeUndefined();
  });

  it('applies the policy to plaintext rows and reports every violation; nothing is written', async () => {
    const ports = await setup();
    const result = await run(ports, [{ username: 'dave', password: 'dave' }]);
    const row = result.results[0];
    expect(row?.status).toBe('failed');
    if (row?.status !== 'failed' || row.error.kind !== 'PasswordPolicyViolation') throw new Error('expected a policy failure');
    expect(row.error.violations.map((v) => v.code)).toEqual(expect.arrayContaining(['too_short', 'context']));
    expect(await ports.users.getByUsernameKey('default', 'dave')).toBeUndefined();
  });

  it('validates each row: username, e-mail, roles, status, and not both password and hash', async () => {
    const ports = await setup();
    const hash = await ports.hasher.hash(PASSWORDS.alice);
    const result = await run(ports, [
      { username: '  ' },
      { username: '$service' },
      { username: 'frank', email: 'not an address', roles: ['root'], status: 'banned' },
      { username: 'grace', password: PASSWORDS.alice, passwordHash: hash },
    ]);
    expect(result.failed).toBe(4);
    expect(result.results[2]).toMatchObject({ error: { kind: 'RequestInvalid', errors: [{ pointer: '/email' }, { pointer: '/roles' }, { pointer: '/status' }] } });
    expect(result.results[3]).toMatchObject({ error: { kind: 'RequestInvalid', errors: [{ pointer: '/passwordHash' }] } });
    expect((await ports.users.list('default', { limit: 10 })).items).toHaveLength(0);
  });

  it('a taken e-mail fails that row only; a disabled status is kept', async () => {
    const ports = await setup();
    await seedUser(ports, { username: 'alice', email: 'alice@example.com' });
    const result = await run(ports, [{ username: 'alice2', email: 'ALICE@example.com' }, { username: 'henry', status: 'disabled', password: PASSWORDS.other }]);
    expect(result.results[0]).toMatchObject({ status: 'failed', error: { kind: 'Conflict', field: 'email' } });
    expect(await ports.users.getByUsernameKey('default', 'alice2')).toBeUndefined();
    expect(await ports.users.getByUsernameKey('default', 'henry')).toMatchObject({ status: 'disabled' });
  });

  it('only administrators of the tenant may import, and only into it', async () => {
    const ports = await setup();
    await seedUser(ports, { username: 'admin', password: PASSWORDS.admin, roles: ['admin'] });
    await seedUser(ports, { username: 'member', password: PASSWORDS.alice });
    await seedUser(ports, { tenantId: 'acme', username: 'acme-admin', password: PASSWORDS.admin, roles: ['admin'] });
    const { actor: member } = await signInAs(ports, 'member', PASSWORDS.alice);
    const { actor: acmeAdmin } = await signInAs(ports, 'acme-admin', PASSWORDS.admin, 'acme');
    expect(await rejection(importUsers(ports, member, { tenantId: 'default', rows: [{ username: 'x' }] }, ctx))).toMatchObject({ kind: 'Forbidden' });
    expect(await rejection(importUsers(ports, acmeAdmin, { tenantId: 'default', rows: [{ username: 'x' }] }, ctx))).toMatchObject({ kind: 'Forbidden' });
    const own = await importUsers(ports, acmeAdmin, { tenantId: 'acme', rows: [{ username: 'admin' }] }, ctx);
    expect(own.created).toBe(1);
  });

  it('caps the rows per call and numbers rows from firstIndex', async () => {
    const ports = await setup();
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ username: `u${i}` }));
    expect(await rejection(run(ports, many))).toMatchObject({ kind: 'RequestInvalid' });
    const result = await importUsers(ports, OPERATOR, { tenantId: 'default', rows: [{ username: 'u1' }], firstIndex: 1000 }, ctx);
    expect(result.results[0]?.index).toBe(1000);
  });
});
