import type { Command } from 'commander';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';

export function registerDbMigrate(program: Command, deps: CliDeps): void {
  commandGroup(program, 'db')
    .command('migrate')
    .description('apply pending schema migrations to the configured database')
    .action(async () => {
      const applied = await deps.migrate();
      if (applied.length === 0) deps.out('Database is up to date.');
      for (const name of applied) deps.out(`Applied ${name}`);
    });
}
