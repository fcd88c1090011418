import { Command } from 'commander';
import type { CliDeps } from './cli-deps.js';

const GROUPS = {
  users: 'manage the users of a tenant',
  tenants: 'manage tenants and their password policies',
  db: 'manage the database',
  hash: 'tune password hashing for this machine',
  breach: 'manage the local corpus of breached passwords',
} as const;

export type CommandGroup = keyof typeof GROUPS;

/**
 * The root command: help and errors go through `deps`, and commander throws instead of exiting, so
 * `runCli` alone decides the exit code. Subcommands inherit these settings when created from it.
 */
export function createProgram(deps: Pick<CliDeps, 'out' | 'err'>, version: string): Command {
  return new Command('passwarden')
    .description('Self-hostable password service: run it, and manage its users, tenants and database from the shell.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand(false)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => deps.out(text.replace(/\n$/, '')),
      writeErr: (text) => deps.err(text.replace(/\n$/, '')),
    })
    .addHelpText(
      'after',
      '\nConfiguration comes from PASSWARDEN_* environment variables (listed in the README), e.g.\nPASSWARDEN_DATA_DIR for the database. Passwords are never taken from the command line: they are\nprompted for at a terminal, or read as the first line of standard input.',
    );
}

/** The `users`, `tenants`, … command under which a subcommand registers, created on first use. */
export function commandGroup(program: Command, name: CommandGroup): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(GROUPS[name]).helpCommand(false);
}
