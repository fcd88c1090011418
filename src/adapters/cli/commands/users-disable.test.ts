import { describe, expect, it } from 'vitest';
import { auditEvents, PASSWORDS, signInAs } from '../../../core/testing/fakes.js';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { createUser } from '../../../core/use-cases/create-user.js';
import { createFakeCli, seedCliUser } from '../testing/fake-cli.js';
import { registerUsersDisable } from './users-disable.js';

describe('users disable', () => {
  it('disables the user and revokes their sessions, audited as the CLI operator', async () => {
    const cli = await createFakeCli();
    const alice = await seedCliUser(cli.ports, 'alice', PASSWORDS.alice);
    const { actor } = await signInAs(cli.ports, 'alice', PASSWORDS.alice);
    expect(await cli.run(registerUsersDisable, ['users', 'disable', 'alice'])).toBe(0);
    expect(cli.stdout).toEqual(['Disabled alice and revoked every session of the user.']);
    expect((await cli.ports.users.getById('default', alice.id))?.status).toBe('disabled');
    expect(await cli.ports.sessions.get(actor.sessionId)).toBeUndefined();
    const types = (await auditEvents(cli.ports)).filter((e) => e.dialect === 'cli' && e.actorKind === 'operator').map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['user.update', 'sessions.revoke']));
  });

  it('says when the user was already disabled', async () => {
    const cli = await createFakeCli();
    await seedCliUser(cli.ports, 'alice');
    expect(await cli.run(registerUsersDisable, ['users', 'disable', 'alice'])).toBe(0);
    expect(await cli.run(registerUsersDisable, ['users', 'disable', 'alice'])).toBe(0);
    expect(cli.stdout[1]).toBe('alice was already disabled.');
  });

  it('names a missing user and exits 1; a missing argument exits 2', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersDisable, ['users', 'disable', 'ghost'])).toBe(1);
    expect(cli.stderr).toEqual(['error: no user "ghost" in tenant "default"']);
    expect(await cli.run(registerUsersDisable, ['users', 'disable'])).toBe(2);
  });

  it("refuses to disable the tenant's last active administrator and exits 1", async () => {
    const cli = await createFakeCli();
    await createUser(cli.ports, OPERATOR, { tenantId: 'default', username: 'root', roles: ['admin'], password: PASSWORDS.admin, temporary: false }, OPERATOR_CONTEXT);
    expect(await cli.run(registerUsersDisable, ['users', 'disable', 'root'])).toBe(1);
    expect(cli.stderr).toEqual(['error: the tenant would have no active administrator left; make another user an administrator first']);
    expect((await cli.ports.users.getByUsernameKey('default', 'root'))?.status).toBe('active');
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersDisable, ['users', 'disable', '--help'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain('every session is revoked');
  });
});
