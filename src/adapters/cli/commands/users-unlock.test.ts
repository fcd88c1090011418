import { describe, expect, it } from 'vitest';
import { auditEvents, PASSWORDS } from '../../../core/testing/fakes.js';
import { createFakeCli, seedCliUser } from '../testing/fake-cli.js';
import { registerUsersUnlock } from './users-unlock.js';

describe('users unlock', () => {
  it('clears the failure counter, audited as the CLI operator', async () => {
    const cli = await createFakeCli();
    const alice = await seedCliUser(cli.ports, 'alice', PASSWORDS.alice);
    const now = cli.ports.clock.now();
    for (let i = 0; i < 3; i += 1) await cli.ports.throttle.begin('default', alice.usernameKey, now, [600_000]);
    expect((await cli.ports.throttle.get('default', alice.usernameKey))?.lockedUntil).not.toBeNull();
    expect(await cli.run(registerUsersUnlock, ['users', 'unlock', 'alice'])).toBe(0);
    expect(cli.stdout).toEqual(['Unlocked alice: failed attempts cleared.']);
    expect(await cli.ports.throttle.get('default', alice.usernameKey)).toBeUndefined();
    const event = (await auditEvents(cli.ports)).find((e) => e.type === 'account.unlock');
    expect(event).toMatchObject({ actorKind: 'operator', dialect: 'cli', subjectId: alice.id });
  });

  it('points to set-password when the password stays disabled', async () => {
    const cli = await createFakeCli();
    const user = await seedCliUser(cli.ports, 'alice', PASSWORDS.alice);
    await cli.ports.credentials.disable('default', user.id, cli.ports.clock.now());
    expect(await cli.run(registerUsersUnlock, ['users', 'unlock', 'alice'])).toBe(0);
    expect(cli.stdout[1]).toBe('Its password stays disabled after too many failures; set a new one with: passwarden users set-password alice');
  });

  it('names a missing user and exits 1', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersUnlock, ['users', 'unlock', 'ghost', '-t', 'acme'])).toBe(1);
    expect(cli.stderr).toEqual(['error: no user "ghost" in tenant "acme"']);
  });

  it('refuses a missing username with exit code 2', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersUnlock, ['users', 'unlock'])).toBe(2);
    expect(cli.stderr[0]).toMatch(/missing required argument 'username'/);
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersUnlock, ['users', 'unlock', '--help'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain('failed log-in counter');
  });
});
