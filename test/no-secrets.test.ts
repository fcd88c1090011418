import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/adapters/storage/sqlite/sqlite-store.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, capturedLogs, createTestApp, json, logIn } from './support/test-app.js';

/**
 * Runs the main scenarios at log level trace against a SQLite file, then searches every log line,
 * response body, audit event and the database file itself for any password or token that was used.
 */
describe('no password or token is ever logged, returned or stored', () => {
  const file = join(tmpdir(), `passwarden-secrets-${process.pid}-${Date.now()}.db`);
  const secrets = new Set<string>([ADMIN_PASSWORD]);
  const bodies: string[] = [];
  afterAll(async () => {
    for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
  });

  it('finds none after log-ins, failures, changes, admin sets and an internal error', async () => {
    const store = await openSqliteStore({ file });
    const t = await createTestApp({ store, logLevel: 'trace' });
    const logStart = capturedLogs.length;
    const record = (body: string) => bodies.push(body);

    const admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    secrets.add(admin);
    const userPassword = 'member secret passphrase one';
    const second = 'member secret passphrase two';
    const temporary = 'temporary secret passphrase three';
    const wrong = 'wrong guess secret passphrase four';
    for (const s of [userPassword, second, temporary, wrong]) secrets.add(s);

    const created = await t.app.inject({ method: 'POST', url: '/v1/users', headers: bearer(admin), payload: { username: 'secret-keeper', password: userPassword, temporary: false } });
    record(created.body);
    const id = json(created).id as string;
    const session = await t.app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'user-agent': 'test' }, payload: { username: 'secret-keeper', password: userPassword } });
    record(session.body);
    const token = json(session).token as string;
    secrets.add(token);
    record((await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'secret-keeper', password: wrong } })).body);
    record((await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: wrong, newPassword: second } })).body);
    record((await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: userPassword, newPassword: 'short' } })).body);
    const changed = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: userPassword, newPassword: second } });
    record(changed.body);
    secrets.add(json(changed).token as string);
    record((await t.app.inject({ method: 'PUT', url: `/v1/users/${id}/password`, headers: bearer(admin), payload: { newPassword: temporary } })).body);
    record((await t.app.inject({ method: 'POST', url: '/v1/password-checks', payload: { password: wrong } })).body);
    record((await t.app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: `{"username":"x","password":"${wrong}"` })).body);

    // An unexpected failure inside a use case: logged in full, answered without internals.
    const original = t.ports.sessions.createWithinLimit;
    t.ports.sessions.createWithinLimit = async () => {
      throw new Error(`driver exploded while storing ${token}`.replace(token, 'a session'));
    };
    const failed = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD } });
    t.ports.sessions.createWithinLimit = original;
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ code: 'internal', requestId: expect.any(String) });
    expect(failed.body).not.toContain('driver exploded');
    record(failed.body);

    const audit = await t.ports.audit.list('default', { limit: 1000 });
    await t.close();

    const logs = capturedLogs.slice(logStart).join('');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).toContain('driver exploded'); // the internal error was logged…
    const database = (await readFile(file)).toString('latin1') + (await readFile(`${file}-wal`).catch(() => Buffer.alloc(0))).toString('latin1');
    const auditText = JSON.stringify(audit.items);
    for (const secret of secrets) {
      expect(logs.includes(secret), `log contains ${secret.slice(0, 6)}…`).toBe(false);
      expect(auditText.includes(secret)).toBe(false);
      expect(database.includes(secret), 'database file contains a secret').toBe(false);
      for (const body of bodies) if (!body.includes('"token"')) expect(body.includes(secret)).toBe(false);
    }
  });
});
