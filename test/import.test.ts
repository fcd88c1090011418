/**
 * Issue 6: imports from each product's real export format, through the real app with the composite
 * hasher; every imported user then logs in and is upgraded to the current Argon2id.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerImportUsers } from '../src/adapters/cli/commands/import-users.js';
import { createFakeCli } from '../src/adapters/cli/testing/fake-cli.js';
import { OPERATOR_CONTEXT } from '../src/core/audit/audit-event.js';
import { OPERATOR } from '../src/core/authorization/actor.js';
import { createUser } from '../src/core/use-cases/create-user.js';
import type { ImportUserRow } from '../src/core/use-cases/import-users.js';
import { usernameKey } from '../src/core/users/user.js';
import { ARGON2ID_DEFAULTS, createArgon2idHasher } from '../src/adapters/hashing/argon2id-hasher.js';
import { parseArgon2Phc } from '../src/adapters/hashing/argon2-phc.js';
import { createCompositeHasher } from '../src/adapters/hashing/composite-hasher.js';
import { createLegacyVerifiers } from '../src/adapters/hashing/legacy/index.js';
import type { ImportFileRequest } from '../src/adapters/cli/cli-deps.js';
import { readImportFile } from '../src/main/read-import-file.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, logIn, type TestApp } from './support/test-app.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/import/${name}`, import.meta.url));
const FIREBASE = { rounds: 8, memCost: 14, base64SignerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==', base64SaltSeparator: 'Bw==' };
const read = (format: ImportFileRequest['format'], name: string) => readImportFile({ format, path: fixture(name), firebase: format === 'firebase' ? FIREBASE : undefined });

interface RowResult {
  index: number;
  username: string;
  status: 'created' | 'skipped' | 'failed';
  userId?: string;
  error?: { code: string; detail: string; errors?: { pointer: string }[]; violations?: { code: string }[] };
}
interface ImportResponse {
  results: RowResult[];
  created: number;
  skipped: number;
  failed: number;
}

describe('import (issue 6)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ hasher: createCompositeHasher(createArgon2idHasher(ARGON2ID_DEFAULTS), createLegacyVerifiers()), maxInFlight: 2 });
    admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    expect((await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(admin), payload: { id: 'acme', name: 'Acme Corp' } })).statusCode).toBe(201);
    await createUser(t.ports, OPERATOR, { tenantId: 'acme', username: 'acme-admin', password: 'granite harbour sixteen lamps', roles: ['admin'], temporary: false }, OPERATOR_CONTEXT);
  }, 60_000);
  afterAll(async () => t.close());

  const post = (token: string, users: ImportUserRow[]) => t.app.inject({ method: 'POST', url: '/v1/users:import', headers: bearer(token), payload: { users } });
  const importVia = async (token: string, users: ImportUserRow[]) => {
    const response = await post(token, users);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ImportResponse;
  };
  const byName = (result: ImportResponse) => Object.fromEntries(result.results.map((row) => [row.username, row]));

  /** Logs in through the native API, then checks the stored hash became the current Argon2id. */
  async function logsInAndIsUpgraded(username: string, password: string, tenant = 'default') {
    const user = await t.ports.users.getByUsernameKey(tenant, usernameKey(username));
    const before = await t.ports.credentials.get(tenant, user?.id ?? '');
    expect(before?.hash, username).not.toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await logIn(t.app, username, password, tenant);
    const after = await t.ports.credentials.get(tenant, user?.id ?? '');
    expect(parseArgon2Phc(after?.hash ?? ''), username).toMatchObject({ algorithm: 'argon2id', version: 19, memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect(t.ports.hasher.isCurrent(after?.hash ?? '')).toBe(true);
    await logIn(t.app, username, password, tenant);
  }

  async function runCli(argv: string[]) {
    const cli = await createFakeCli();
    cli.deps.openPorts = async () => ({ ports: t.ports, close: async () => {} });
    cli.deps.readImportFile = readImportFile;
    const code = await cli.run(registerImportUsers, argv);
    return { code, stdout: cli.stdout, stderr: cli.stderr };
  }

  it('Django dumpdata over the endpoint: pbkdf2_sha256 and bcrypt_sha256 log in; hostile iterations refused; re-run skips', async () => {
    const rows = await read('django', 'django-dumpdata.json');
    const result = await importVia(admin, rows);
    expect(result).toMatchObject({ created: 3, skipped: 0, failed: 1 });
    const rowsByName = byName(result);
    expect(rowsByName['dj-hostile']).toMatchObject({ index: 3, status: 'failed', error: { code: 'validation', errors: [{ pointer: '/passwordHash' }] } });
    expect(await t.ports.users.getByUsernameKey('default', 'dj-hostile')).toBeUndefined();
    expect(JSON.stringify(result)).not.toMatch(/pbkdf2|bcrypt|\$2b\$/);

    await logsInAndIsUpgraded('dj-alice', 'alice in django land');
    await logsInAndIsUpgraded('dj-boss', 'the boss of django');
    expect(await t.ports.users.getByUsernameKey('default', 'dj-boss')).toMatchObject({ roles: ['admin'], email: 'boss@django.example' });
    expect(await t.ports.users.getByUsernameKey('default', 'dj-alice')).toMatchObject({ displayName: 'Alice Liddell', roles: ['member'] });
    const gone = await t.ports.users.getByUsernameKey('default', 'dj-gone');
    expect(gone).toMatchObject({ status: 'disabled', email: null });
    expect(await t.ports.credentials.get('default', gone?.id ?? '')).toBeUndefined();

    const upgraded = await t.ports.credentials.get('default', rowsByName['dj-alice']?.userId ?? '');
    const again = await importVia(admin, rows);
    expect(again).toMatchObject({ created: 0, skipped: 3, failed: 1 });
    expect(await t.ports.credentials.get('default', rowsByName['dj-alice']?.userId ?? '')).toEqual(upgraded);
  }, 60_000);

  it('Keycloak realm export through the CLI into another tenant: pbkdf2-sha256 and -sha512 log in there only', async () => {
    const first = await runCli(['import', '--format', 'keycloak', '--tenant', 'acme', fixture('keycloak-realm-export.json')]);
    expect(first.code).toBe(1);
    expect(first.stdout[0]).toMatch(/: 2 created, 0 skipped \(already there\), 1 failed\.$/);
    expect(first.stderr[0]).toBe('row 3 (kc-odd): passwordHash: not a supported hash format, or its parameters are beyond the accepted bounds');
    expect(await t.ports.users.getByUsernameKey('acme', 'kc-odd')).toBeUndefined();
    expect(await t.ports.users.getByUsernameKey('acme', 'service-account-backend')).toBeUndefined();
    expect(await t.ports.users.getByUsernameKey('default', 'kc-alice')).toBeUndefined();

    await logsInAndIsUpgraded('kc-alice', 'alice keeps the keys', 'acme');
    // kc-bob was disabled in Keycloak: imported disabled, so log-in fails like a wrong password.
    expect((await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { tenant: 'acme', username: 'kc-bob', password: 'bob was disabled here' } })).statusCode).toBe(401);
    const bob = await t.ports.users.getByUsernameKey('acme', 'kc-bob');
    expect(bob?.status).toBe('disabled');
    const acmeAdmin = await logIn(t.app, 'acme-admin', 'granite harbour sixteen lamps', 'acme');
    expect((await t.app.inject({ method: 'PATCH', url: `/v1/users/${bob?.id}`, headers: bearer(acmeAdmin), payload: { status: 'active' } })).statusCode).toBe(200);
    await logsInAndIsUpgraded('kc-bob', 'bob was disabled here', 'acme');

    const again = await runCli(['import', '--format', 'keycloak', '--tenant', 'acme', fixture('keycloak-realm-export.json')]);
    expect(again.stdout[0]).toMatch(/: 0 created, 2 skipped \(already there\), 1 failed\.$/);
  }, 60_000);

  it('Firebase auth:export through the CLI: the published sample hash and a second user log in', async () => {
    const params = ['--hash-key', FIREBASE.base64SignerKey, '--salt-separator', FIREBASE.base64SaltSeparator, '--rounds', '8', '--mem-cost', '14'];
    const first = await runCli(['import', '--format', 'firebase', ...params, fixture('firebase-auth-export.json')]);
    expect(first).toMatchObject({ code: 0, stderr: [] });
    expect(first.stdout[0]).toMatch(/: 3 created, 0 skipped \(already there\), 0 failed\.$/);
    await logsInAndIsUpgraded('user1@firebase.example', 'user1password');
    await logsInAndIsUpgraded('carol@firebase.example', 'carol fires the base');
    expect(await t.ports.users.getByUsernameKey('default', usernameKey('carol@firebase.example'))).toMatchObject({ email: 'carol@firebase.example', displayName: 'Carol Firebase' });
    expect(await t.ports.users.getByUsernameKey('default', usernameKey('phoneOnlyUser000000000000001'))).toMatchObject({ email: null });

    const missing = await runCli(['import', '--format', 'firebase', fixture('firebase-auth-export.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr[0]).toMatch(/hash parameters/);
    const again = await runCli(['import', '--format', 'firebase', ...params, fixture('firebase-auth-export.json')]);
    expect(again.stdout[0]).toMatch(/: 0 created, 3 skipped/);
  }, 60_000);

  it('CSV over the endpoint: bcrypt rows and a plaintext row log in; a weak plaintext and a cost-31 bcrypt are refused', async () => {
    const result = await importVia(admin, await read('csv', 'users.csv'));
    expect(result).toMatchObject({ created: 3, skipped: 0, failed: 2 });
    const rows = byName(result);
    expect(rows['csv-weak']?.error).toMatchObject({ code: 'password_policy' });
    expect(rows['csv-weak']?.error?.violations?.map((v) => v.code)).toEqual(expect.arrayContaining(['too_short', 'common']));
    expect(rows['csv-costly']?.error).toMatchObject({ code: 'validation', errors: [{ pointer: '/passwordHash' }] });
    for (const name of ['csv-weak', 'csv-costly']) expect(await t.ports.users.getByUsernameKey('default', name)).toBeUndefined();
    expect(JSON.stringify(result)).not.toMatch(/letmein|orchard/);

    await logsInAndIsUpgraded('csv-alice', 'alice hashed in bcrypt');
    await logsInAndIsUpgraded('csv-admin', 'the csv admin password');
    await logIn(t.app, 'csv-plain', 'orchard lantern velvet thirty');
    expect(await t.ports.users.getByUsernameKey('default', 'csv-alice')).toMatchObject({ displayName: 'Liddell, Alice "Al"' });
    expect(await t.ports.users.getByUsernameKey('default', 'csv-admin')).toMatchObject({ roles: ['admin', 'member'] });
    const events = await t.ports.audit.list('default', { limit: 200 });
    expect(events.items.filter((event) => event.type === 'user.create' && event.reason === 'import').length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('admins only; each admin imports into their own tenant', async () => {
    const member = await logIn(t.app, 'csv-plain', 'orchard lantern velvet thirty');
    const refused = await post(member, [{ username: 'intruder' }]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    expect(await t.ports.users.getByUsernameKey('default', 'intruder')).toBeUndefined();
    expect((await t.app.inject({ method: 'POST', url: '/v1/users:import', payload: { users: [{ username: 'x' }] } })).statusCode).toBe(401);

    const acmeAdmin = await logIn(t.app, 'acme-admin', 'granite harbour sixteen lamps', 'acme');
    const result = await importVia(acmeAdmin, [{ username: 'dj-alice' }]);
    expect(result.results[0]).toMatchObject({ status: 'created' });
    expect(await t.ports.users.getByUsernameKey('acme', 'dj-alice')).toBeDefined();
  });

  it('takes bodies over 16 KiB on this route only, refuses over 1 MiB with 413, and over 1000 rows with 422', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ username: `bulk-${i}`, displayName: 'd'.repeat(60) }));
    const body = JSON.stringify({ users: rows });
    expect(body.length).toBeGreaterThan(16 * 1024);
    expect((await importVia(admin, rows)).created).toBe(300);

    const oversize = await t.app.inject({ method: 'POST', url: '/v1/users:import', headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: JSON.stringify({ users: [{ username: 'x', displayName: 'y'.repeat(1024 * 1024) }] }) });
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json()).toMatchObject({ code: 'payload_too_large', detail: 'The request body exceeds 1 MiB.' });
    const elsewhere = await t.app.inject({ method: 'POST', url: '/v1/users', headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: body });
    expect(elsewhere.statusCode).toBe(413);
    expect(elsewhere.json()).toMatchObject({ detail: 'The request body exceeds 16 KiB.' });

    // Anonymous callers and members are refused before the body is read, whatever its size.
    const anonymousLarge = await t.app.inject({ method: 'POST', url: '/v1/users:import', headers: { 'content-type': 'application/json' }, payload: body });
    expect(anonymousLarge.statusCode).toBe(401);

    const tooMany = await post(admin, Array.from({ length: 1001 }, (_, i) => ({ username: `many-${i}` })));
    expect(tooMany.statusCode).toBe(422);
    expect(await t.ports.users.getByUsernameKey('default', 'many-0')).toBeUndefined();
    const unknownField = await post(admin, [{ username: 'x', passwordHash: '$2b$10$x', isAdmin: true } as ImportUserRow]);
    expect(unknownField.statusCode).toBe(422);
  });
});
