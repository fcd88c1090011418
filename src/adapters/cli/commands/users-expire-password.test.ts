import { describe, expect, it } from 'vitest';
import { auditEvents, PASSWORDS } from '../../../core/testing/fakes.js';
import { createFakeCli, seedCliUser } from '../testing/fake-cli.js';
import { registerUsersExpirePassword } from './users-expire-password.js';

describe('users expire-password', () => {
  it('expires the password and revokes sessions, audited as the CLI operator', async () => {
    const cli = await createFakeCli();
    const alice = await seedCliUser(cli.ports, 'alice', PASSWORDS.alice);
    expect(await cli.run(registerUsersExpirePassword, ['users', 'expire-password', 'ALICE'])).toBe(0);
    expect(cli.stdout).toEqual(['Expired the password of alice: sessions revoked; the next log-in may only change it.']);
    expect((await cli.ports.credentials.get('default', alice.id))?.expiredAt).toEqual(cli.ports.clock.now());
    const event = (await auditEvents(cli.ports)).find((e) => e.type === 'password.expire');
    expect(event).toMatchObject({ actorKind: 'operator', dialect: 'cli', subjectId: alice.id });
  });

  it('names a missing user and exits 1', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersExpirePassword, ['users', 'expire-password', 'ghost', '--tenant', 'acme'])).toBe(1);
    expect(cli.stderr).toEqual(['error: no user "ghost" in tenant "acme"']);
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersExpirePassword, ['users', 'expire-password', '--help'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain('the next log-in may only change it');
  });
});
