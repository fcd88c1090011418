import { describe, expect, it } from 'vitest';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerDbMigrate } from './db-migrate.js';

describe('db migrate', () => {
  it('prints each migration applied', async () => {
    const cli = await createFakeCli();
    cli.migrations.push('0001-initial', '0002-audit-index');
    expect(await cli.run(registerDbMigrate, ['db', 'migrate'])).toBe(0);
    expect(cli.stdout).toEqual(['Applied 0001-initial', 'Applied 0002-audit-index']);
  });

  it('says when the database is up to date', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerDbMigrate, ['db', 'migrate'])).toBe(0);
    expect(cli.stdout).toEqual(['Database is up to date.']);
  });

  it('reports a failure in one line with exit code 1', async () => {
    const cli = await createFakeCli();
    cli.deps.migrate = async () => {
      throw new Error('SQLITE_CANTOPEN: unable to open database file\n    at somewhere');
    };
    expect(await cli.run(registerDbMigrate, ['db', 'migrate'])).toBe(1);
    expect(cli.stderr).toEqual(['error: SQLITE_CANTOPEN: unable to open database file']);
  });

  it('refuses an unknown option with exit code 2, and a missing subcommand too', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerDbMigrate, ['db', 'migrate', '--force'])).toBe(2);
    expect(cli.stderr[0]).toBe("error: unknown option '--force'");
    expect(await cli.run(registerDbMigrate, ['db'])).toBe(2);
    expect(cli.stderr.join('\n')).toContain('Usage: passwarden db [options] [command]');
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerDbMigrate, ['db', 'migrate', '--help'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain('apply pending schema migrations');
  });
});
