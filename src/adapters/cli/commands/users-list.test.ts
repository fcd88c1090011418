import { describe, expect, it } from 'vitest';
import { PASSWORDS } from '../../../core/testing/fakes.js';
import { createFakeCli, seedCliUser } from '../testing/fake-cli.js';
import { registerUsersList } from './users-list.js';

describe('users list', () => {
  it('prints a table ordered by username with each password state', async () => {
    const cli = await createFakeCli();
    await seedCliUser(cli.ports, 'bob', PASSWORDS.other);
    await seedCliUser(cli.ports, 'alice');
    expect(await cli.run(registerUsersList, ['users', 'list'])).toBe(0);
    expect(cli.stdout[0]).toMatch(/^USERNAME\s+ROLES\s+STATUS\s+PASSWORD\s+EMAIL\s+ID$/);
    expect(cli.stdout[1]).toMatch(/^alice\s+member\s+active\s+none\s+id-\d+$/);
    expect(cli.stdout[2]).toMatch(/^bob\s+member\s+active\s+set\s+id-\d+$/);
    expect(cli.stdout).toHaveLength(3);
    expect(cli.stderr).toEqual([]);
    expect(cli.openings).toEqual({ opened: 1, closed: 1 });
  });

  it('prints JSON with --json and pages with --limit and --after', async () => {
    const cli = await createFakeCli();
    for (const name of ['ann', 'ben', 'cat']) await seedCliUser(cli.ports, name);
    expect(await cli.run(registerUsersList, ['users', 'list', '--json', '--limit', '2'])).toBe(0);
    const page = JSON.parse(cli.stdout.join('\n')) as { items: { username: string }[]; nextCursor: string | null };
    expect(page.items.map((u) => u.username)).toEqual(['ann', 'ben']);
    expect(page.nextCursor).not.toBeNull();
    cli.stdout.length = 0;
    expect(await cli.run(registerUsersList, ['users', 'list', '--after', page.nextCursor ?? '', '--limit', '2'])).toBe(0);
    expect(cli.stdout.slice(1).map((line) => line.split(' ')[0])).toEqual(['cat']);
  });

  it('says so when more users follow, on standard error', async () => {
    const cli = await createFakeCli();
    for (const name of ['ann', 'ben']) await seedCliUser(cli.ports, name);
    expect(await cli.run(registerUsersList, ['users', 'list', '--limit', '1'])).toBe(0);
    expect(cli.stderr[0]).toMatch(/^More users follow: add --after \S+$/);
  });

  it('says when a tenant has no users', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersList, ['users', 'list', '--tenant', 'empty'])).toBe(0);
    expect(cli.stdout).toEqual(['No users in tenant empty.']);
  });

  it.each([['0'], ['1001'], ['ten'], ['-1']])('refuses --limit %s with exit code 2', async (limit) => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersList, ['users', 'list', '--limit', limit])).toBe(2);
    expect(cli.stderr[0]).toBe(`error: option '--limit <n>' argument '${limit}' is invalid. Expected a whole number from 1 to 1000.`);
    expect(cli.openings.opened).toBe(0);
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersList, ['users', 'list', '--help'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain('list the users of a tenant');
    expect(cli.stdout.join('\n')).toContain('--json');
  });
});
