import { describe, expect, it } from 'vitest';
import { auditEvents, PASSWORDS } from '../../../core/testing/fakes.js';
import { MAX_IMPORT_ROWS } from '../../../core/use-cases/import-users.js';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerImportUsers } from './import-users.js';

describe('import', () => {
  it('imports the rows of a file, prints a summary, lists failed rows and exits 1 when any failed', async () => {
    const cli = await createFakeCli();
    const hash = await cli.ports.hasher.hash(PASSWORDS.alice);
    cli.importFiles.set('users.json', [
      { username: 'alice', passwordHash: hash },
      { username: 'bob', password: PASSWORDS.other },
      { username: 'mallory', passwordHash: 'md5$$5f4dcc3b5aa765d61d8327deb882cf99' },
      { username: 'weak', password: 'weak' },
    ]);
    const code = await cli.run(registerImportUsers, ['import', '--format', 'django', 'users.json']);
    expect(code).toBe(1);
    expect(cli.importRequests).toEqual([{ format: 'django', path: 'users.json', firebase: undefined }]);
    expect(cli.stdout).toEqual(['Imported 4 users from users.json into tenant default: 2 created, 0 skipped (already there), 2 failed.']);
    expect(cli.stderr[0]).toBe('row 3 (mallory): passwordHash: not a supported hash format, or its parameters are beyond the accepted bounds');
    expect(cli.stderr[1]).toBe('row 4 (weak): the password does not meet the policy:');
    expect(cli.stderr.at(-1)).toMatch(/^error: 2 rows not imported/);
    expect(cli.output()).not.toMatch(/5f4dcc3b|fake\$|copper/);
    expect((await auditEvents(cli.ports)).filter((e) => e.reason === 'import')).toHaveLength(2);

    cli.stdout.length = 0;
    cli.importFiles.set('users.json', [{ username: 'alice', passwordHash: hash }, { username: 'bob', password: PASSWORDS.other }]);
    expect(await cli.run(registerImportUsers, ['import', '-f', 'django', 'users.json'])).toBe(0);
    expect(cli.stdout).toEqual(['Imported 2 users from users.json into tenant default: 0 created, 2 skipped (already there), 0 failed.']);
  });

  it('imports more rows than one call takes, in order, numbering rows across batches', async () => {
    const cli = await createFakeCli();
    cli.importFiles.set('big.csv', Array.from({ length: MAX_IMPORT_ROWS + 2 }, (_, i) => ({ username: i === MAX_IMPORT_ROWS + 1 ? '' : `user${i}` })));
    expect(await cli.run(registerImportUsers, ['import', '--format', 'csv', '--tenant', 'default', 'big.csv'])).toBe(1);
    expect(cli.stdout[0]).toContain(`${MAX_IMPORT_ROWS + 1} created`);
    expect(cli.stderr[0]).toBe(`row ${MAX_IMPORT_ROWS + 2} (no username): username: must not be empty or blank`);
    expect(cli.openings).toEqual({ opened: 1, closed: 1 });
  });

  it('passes the Firebase hash parameters; refuses them incomplete, malformed or with another format', async () => {
    const cli = await createFakeCli();
    cli.importFiles.set('fb.json', []);
    const params = ['--hash-key', 'a2V5', '--salt-separator', 'Bw==', '--rounds', '8', '--mem-cost', '14'];
    expect(await cli.run(registerImportUsers, ['import', '--format', 'firebase', ...params, 'fb.json'])).toBe(0);
    expect(cli.importRequests[0]?.firebase).toEqual({ rounds: 8, memCost: 14, base64SignerKey: 'a2V5', base64SaltSeparator: 'Bw==' });
    expect(await cli.run(registerImportUsers, ['import', '--format', 'firebase', '--hash-key', 'a2V5', 'fb.json'])).toBe(2);
    expect(await cli.run(registerImportUsers, ['import', '--format', 'firebase', ...params.slice(0, 7), '99', 'fb.json'])).toBe(2);
    expect(await cli.run(registerImportUsers, ['import', '--format', 'firebase', '--hash-key', 'not base64!', ...params.slice(2), 'fb.json'])).toBe(2);
    expect(await cli.run(registerImportUsers, ['import', '--format', 'csv', '--rounds', '8', 'fb.json'])).toBe(2);
    expect(await cli.run(registerImportUsers, ['import', '--format', 'ldif', 'fb.json'])).toBe(2);
    expect(await cli.run(registerImportUsers, ['import', 'fb.json'])).toBe(2);
  });

  it('a file that cannot be read fails with exit code 1 before opening the store', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerImportUsers, ['import', '--format', 'csv', 'missing.csv'])).toBe(1);
    expect(cli.stderr).toEqual(['error: cannot read missing.csv']);
    expect(cli.openings.opened).toBe(0);
  });
});
