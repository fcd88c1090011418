import type { Command } from 'commander';
import type { CliDeps } from '../cli-deps.js';

export function registerServe(program: Command, deps: CliDeps): void {
  program
    .command('serve')
    .description('run the HTTP service until SIGINT or SIGTERM (configured by PASSWARDEN_* environment variables)')
    .addHelpText(
      'after',
      '\nOn first start it creates the "default" tenant and its first administrator; a generated\npassword for that administrator is printed once.',
    )
    .action(async () => {
      await deps.serve();
    });
}
