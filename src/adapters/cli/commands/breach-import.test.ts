import { describe, expect, it } from 'vitest';
import { CliFailure } from '../cli-errors.js';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerBreachImport } from './breach-import.js';

describe('breach import', () => {
  it('builds the index at the default place and prints the environment line', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerBreachImport, ['breach', 'import', 'dump/ranges'])).toBe(0);
    expect(cli.breachImports).toEqual([{ source: 'dump/ranges', output: undefined }]);
    expect(cli.stdout).toEqual(['PASSWARDEN_BREACH_CORPUS_FILE=/var/lib/passwarden/breach-corpus.idx']);
    expect(cli.stderr).toContain('Indexed 3 hashes.');
  });

  it('writes where --output says', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerBreachImport, ['breach', 'import', 'hashes.txt', '--output', '/srv/pw.idx'])).toBe(0);
    expect(cli.breachImports).toEqual([{ source: 'hashes.txt', output: '/srv/pw.idx' }]);
    expect(cli.stdout).toEqual(['PASSWARDEN_BREACH_CORPUS_FILE=/srv/pw.idx']);
  });

  it('needs the file (exit 2) and reports a failed build (exit 1)', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerBreachImport, ['breach', 'import'])).toBe(2);
    expect(cli.breachImports).toEqual([]);

    const failing = await createFakeCli();
    failing.deps.importBreachCorpus = async () => {
      throw new CliFailure('hashes.txt:3: expected a SHA-1 hash (40 hex characters), optionally :COUNT');
    };
    expect(await failing.run(registerBreachImport, ['breach', 'import', 'hashes.txt'])).toBe(1);
    expect(failing.stderr).toContain('error: hashes.txt:3: expected a SHA-1 hash (40 hex characters), optionally :COUNT');
    expect(failing.stdout).toEqual([]);
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerBreachImport, ['breach', 'import', '--help'])).toBe(0);
    const help = cli.stdout.join('\n');
    for (const text of ['<file>', '--output <path>', 'range files', 'SHA-1 hashes']) expect(help).toContain(text);
  });
});
