import type { Command } from 'commander';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';

interface BreachImportOptions {
  output?: string;
}

export function registerBreachImport(program: Command, deps: CliDeps): void {
  commandGroup(program, 'breach')
    .command('import')
    .description('build the local breach index (for deployments without the Pwned Passwords API) from a dump')
    .argument('<file>', 'a directory of range files (ABCDE.txt: SUFFIX:COUNT lines) or a file of SHA-1 hashes (HASH or HASH:COUNT lines)')
    .option('--output <path>', 'where to write the index (default: PASSWARDEN_BREACH_CORPUS_FILE, else breach-corpus.idx in the data directory)')
    .addHelpText(
      'after',
      '\nCount-0 (padding) entries and duplicates are left out. Input in hash order (both Pwned Passwords\ndumps are) is streamed; other input is sorted in memory. The environment line to use the index goes to\nstandard output; a running service picks it up when restarted.',
    )
    .action(async (file: string, options: BreachImportOptions) => {
      deps.err(`Indexing breached password hashes from ${file}…`);
      const result = await deps.importBreachCorpus(file, options.output);
      deps.err(`Indexed ${result.hashes} hashes.`);
      deps.out(`PASSWARDEN_BREACH_CORPUS_FILE=${result.output}`);
    });
}
