import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  NATIVE_INVALID_CREDENTIALS,
  NATIVE_INVALID_CURRENT,
  NATIVE_LOCKED,
  NATIVE_UNAUTHENTICATED,
  ONEZONE_BAD_BASIC,
  ONEZONE_BAD_TOKEN,
  ONEZONE_BLOCKED,
  ONEZONE_MISSING_NEW_PASSWORD,
  UA_INVALID_CREDENTIALS,
  UA_LOCKED,
  VRNI_INVALID_CREDENTIALS,
  VRNI_LOCKED,
  VRNI_NOT_ADMIN,
  VRNI_UNAUTHENTICATED,
} from './answers.js';
import { toInject, type DialectName } from './dialect-driver.js';
import { drivers } from './drivers/index.js';
import { nativeDriver } from './drivers/native.js';
import { onezoneDriver } from './drivers/onezone.js';
import { unifiedAssuranceDriver } from './drivers/unified-assurance.js';
import { vrniDriver } from './drivers/vrni.js';
import { expectResponse, VOLATILE, type Expected } from './expected.js';
import { Harness, NEW_PASSWORD, OLD_PASSWORD, type FixtureUser } from './harness.js';

/**
 * Cross-dialect truth: the dialects are views of one core. A change made through any of them is the
 * password, the lockout and the session state for all of them, and is audited the same way.
 */
const dialects = Object.keys(drivers) as DialectName[];

async function withHarness(run: (h: Harness) => Promise<void>) {
  const h = await Harness.create();
  try {
    await run(h);
  } finally {
    await h.close();
  }
}

/** Changes the user's own password from OLD_PASSWORD to NEW_PASSWORD through the dialect, as its client does. */
async function changeThrough(h: Harness, dialect: DialectName, user: FixtureUser) {
  const driver = drivers[dialect];
  const caller = await h.caller(driver, user);
  const response = await h.inject(toInject(driver.changeOwn({ caller, currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD })));
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return { caller, response };
}

describe.each(dialects)('a password changed through %s', (changer) => {
  it('is the password in every dialect and in the native API; the old one is refused everywhere', () =>
    withHarness(async (h) => {
      const alice = await h.user();
      await changeThrough(h, changer, alice);
      for (const dialect of dialects) {
        const driver = drivers[dialect];
        expect(driver.accepted(await h.inject(driver.authenticate(alice.username, NEW_PASSWORD))), `${dialect}: new password`).toBe(true);
        expect(driver.accepted(await h.inject(driver.authenticate(alice.username, OLD_PASSWORD))), `${dialect}: old password`).toBe(false);
      }
    }));

  it("revokes the user's sessions from every dialect: each token is then refused in every dialect", () =>
    withHarness(async (h) => {
      const alice = await h.user();
      const tokens: Record<string, string> = {
        'native log-in': await nativeDriver.logIn(h.app, alice.username, OLD_PASSWORD),
        'vRNI log-in': await vrniDriver.logIn(h.app, alice.username, OLD_PASSWORD),
        'UA log-in (cookie)': await unifiedAssuranceDriver.logIn(h.app, alice.username, OLD_PASSWORD),
      };
      // Each dialect that takes tokens, probed with a request that changes nothing: the token passes
      // (the request fails later, on purpose), then after the change it is refused.
      const probes: Array<{ name: string; request: (token: string) => InjectOptions; accepted: Expected | { status: number }; refused: Expected }> = [
        { name: 'native Bearer', request: (token) => ({ url: '/v1/me', headers: { authorization: `Bearer ${token}` } }), accepted: { status: 200 }, refused: NATIVE_UNAUTHENTICATED },
        {
          name: 'vRNI NetworkInsight',
          // Names another user: a member is refused with 403 once the token is accepted.
          request: (token) => toInject(vrniDriver.changeOwn({ caller: { username: 'nobody-here', token }, currentPassword: null, newPassword: 'yet another long passphrase' })),
          accepted: VRNI_NOT_ADMIN,
          refused: VRNI_UNAUTHENTICATED,
        },
        {
          name: 'Onezone x-auth-token',
          // An empty object: refused for its missing keys once the token is accepted.
          request: (token) => toInject(onezoneDriver.changeOwn({ caller: { username: alice.username, token }, currentPassword: null, newPassword: '' }), { payload: '{}' }),
          accepted: ONEZONE_MISSING_NEW_PASSWORD,
          refused: ONEZONE_BAD_TOKEN,
        },
      ];
      for (const [tokenName, token] of Object.entries(tokens)) {
        for (const probe of probes) {
          const response = await h.inject(probe.request(token));
          expect(response.statusCode, `${tokenName} via ${probe.name} before the change`).toBe(probe.accepted.status);
          if ('body' in probe.accepted) expectResponse(response, probe.accepted);
        }
      }

      const { caller } = await changeThrough(h, changer, alice);
      if (caller.token !== null) tokens[`the ${changer} caller's own`] = caller.token;

      for (const [tokenName, token] of Object.entries(tokens)) {
        for (const probe of probes) {
          const response = await h.inject(probe.request(token));
          expect(response.statusCode, `${tokenName} via ${probe.name} after the change`).toBe(probe.refused.status);
          expectResponse(response, probe.refused);
        }
      }
      expect(await h.passwordIs(alice, NEW_PASSWORD)).toBe(true);
    }));
});

/** The dialects that let an administrator set another user's password. */
const adminDialects = dialects.filter((dialect) => drivers[dialect].changeOther !== undefined);

describe.each(adminDialects)("an administrator's change through %s", (changer) => {
  it('is the (temporary) password in every dialect, ends the user\'s sessions, and is audited the same way', () =>
    withHarness(async (h) => {
      const alice = await h.user();
      const nativeToken = await nativeDriver.logIn(h.app, alice.username, OLD_PASSWORD);
      const driver = drivers[changer];
      const wire = driver.changeOther?.({ admin: await h.admin(driver), target: alice, newPassword: NEW_PASSWORD });
      if (!wire) throw new Error(`${changer} has no administrator form`);
      const response = await h.inject(toInject(wire));
      expect(response.statusCode, response.body).toBeLessThan(300);
      for (const dialect of dialects) {
        const other = drivers[dialect];
        expect(other.accepted(await h.inject(other.authenticate(alice.username, NEW_PASSWORD))), `${dialect}: new password`).toBe(true);
        expect(other.accepted(await h.inject(other.authenticate(alice.username, OLD_PASSWORD))), `${dialect}: old password`).toBe(false);
      }
      expectResponse(await h.inject({ url: '/v1/me', headers: { authorization: `Bearer ${nativeToken}` } }), NATIVE_UNAUTHENTICATED);
      const requestId = response.headers['x-request-id'];
      const events = (await h.auditOf(alice)).filter((event) => event.requestId === requestId);
      expect(events.map(({ type, outcome, reason, dialect }) => ({ type, outcome, reason, dialect }))).toEqual([
        { type: 'sessions.revoke', outcome: 'success', reason: 'admin_set_password', dialect: drivers[changer].auditName },
        { type: 'password.admin_set', outcome: 'success', reason: 'temporary', dialect: drivers[changer].auditName },
      ]);
    }));
});

describe('audit', () => {
  it('every successful change writes the same audit events through any dialect, differing only in `dialect`', async () => {
    const trails: Partial<Record<DialectName, unknown[]>> = {};
    for (const dialect of dialects) {
      await withHarness(async (h) => {
        const alice = await h.user();
        const { response } = await changeThrough(h, dialect, alice);
        const requestId = response.headers['x-request-id'];
        const events = (await h.auditOf(alice)).filter((event) => event.requestId === requestId);
        expect(events.map((event) => event.dialect)).toEqual(events.map(() => drivers[dialect].auditName));
        // Ids, times and the request id differ by nature; the user's id differs per app.
        trails[dialect] = events.map(({ id: _id, at: _at, requestId: _requestId, dialect: _dialect, ...event }) =>
          Object.fromEntries(Object.entries(event).map(([key, value]) => [key, value === alice.id ? '<alice>' : value])),
        );
      });
    }
    expect(trails.native).toEqual([
      { tenant: 'default', type: 'sessions.revoke', outcome: 'success', actorId: '<alice>', actorKind: 'user', subjectId: '<alice>', ip: '127.0.0.1', userAgent: 'lightMyRequest', reason: 'password_change' },
      { tenant: 'default', type: 'password.change', outcome: 'success', actorId: '<alice>', actorKind: 'user', subjectId: '<alice>', ip: '127.0.0.1', userAgent: 'lightMyRequest', reason: null },
    ]);
    for (const dialect of dialects) expect(trails[dialect], dialect).toEqual(trails.native);
  });
});

describe('lockout', () => {
  it('counts failures from every dialect together, and every dialect then answers with its own locked shape', () =>
    withHarness(async (h) => {
      const alice = await h.user();
      const nativeToken = await nativeDriver.logIn(h.app, alice.username, OLD_PASSWORD);
      const caller = { username: alice.username, token: nativeToken };
      const WRONG = 'a wrong guess at the password';
      const wrongUa = unifiedAssuranceDriver.changeOwn({ caller, currentPassword: WRONG, newPassword: NEW_PASSWORD });

      // Six failures, spread over four dialects: the sixth still answers as a plain failure.
      const failures: Array<[string, InjectOptions, Expected]> = [
        ['native log-in', nativeDriver.authenticate(alice.username, WRONG), NATIVE_INVALID_CREDENTIALS],
        ['native wrong current password', toInject(nativeDriver.changeOwn({ caller, currentPassword: WRONG, newPassword: NEW_PASSWORD })), NATIVE_INVALID_CURRENT],
        ['vRNI log-in', vrniDriver.authenticate(alice.username, WRONG), VRNI_INVALID_CREDENTIALS],
        ['UA wrong old password', toInject(wrongUa), UA_INVALID_CREDENTIALS],
        ['UA log-in', unifiedAssuranceDriver.authenticate(alice.username, WRONG), UA_INVALID_CREDENTIALS],
        ['Onezone Basic', onezoneDriver.authenticate(alice.username, WRONG), ONEZONE_BAD_BASIC],
      ];
      for (const [name, request, expected] of failures) {
        const response = await h.inject(request);
        expect(response.statusCode, name).toBe(expected.status);
        expectResponse(response, expected);
      }

      // The right password now waits in every dialect.
      const right = (currentPassword: string) => ({ caller, currentPassword, newPassword: NEW_PASSWORD });
      const locked: Array<[string, InjectOptions, Expected]> = [
        ['native log-in', nativeDriver.authenticate(alice.username, OLD_PASSWORD), NATIVE_LOCKED],
        ['native change', toInject(nativeDriver.changeOwn(right(OLD_PASSWORD))), NATIVE_LOCKED],
        ['vRNI log-in', vrniDriver.authenticate(alice.username, OLD_PASSWORD), VRNI_LOCKED],
        ['UA log-in', unifiedAssuranceDriver.authenticate(alice.username, OLD_PASSWORD), UA_LOCKED],
        ['UA change', toInject(unifiedAssuranceDriver.changeOwn(right(OLD_PASSWORD))), UA_LOCKED],
        ['Onezone Basic', onezoneDriver.authenticate(alice.username, OLD_PASSWORD), ONEZONE_BLOCKED],
        ['Onezone change with a token', toInject(onezoneDriver.changeOwn(right(OLD_PASSWORD))), ONEZONE_BLOCKED],
      ];
      for (const [name, request, expected] of locked) {
        const response = await h.inject(request);
        expect(response.statusCode, name).toBe(expected.status);
        expectResponse(response, expected);
      }
      expect(await h.passwordIs(alice, OLD_PASSWORD)).toBe(true);

      // When the wait is over, the right password works again, through any dialect.
      h.advance(30);
      expectResponse(await h.inject(vrniDriver.authenticate(alice.username, OLD_PASSWORD)), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { token: VOLATILE, expiry: VOLATILE } });
    }));
});
