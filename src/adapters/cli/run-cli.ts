import { CommanderError, type Command } from 'commander';
import { isDomainError } from '../../core/errors.js';
import type { CliDeps } from './cli-deps.js';
import { CliFailure, UsageError } from './cli-errors.js';
import { describeError, exitCodeFor } from './describe-error.js';

export type ExitCode = 0 | 1 | 2;

export interface RunCliOptions {
  /** Print the stack of unexpected errors. */
  debug?: boolean | undefined;
}

/**
 * Parses and runs one command line. Never throws and never exits: returns 0 on success, 1 when the
 * work failed, 2 for bad usage. Every failure is reported on `err` in a line or a few.
 */
export async function runCli(program: Command, argv: readonly string[], deps: Pick<CliDeps, 'err'>, options: RunCliOptions = {}): Promise<ExitCode> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return report(error, deps, options.debug === true);
  }
}

function report(error: unknown, deps: Pick<CliDeps, 'err'>, debug: boolean): ExitCode {
  // Commander has already printed its message (or the help/version it was asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError) {
    deps.err(`error: ${error.message}`);
    if (error.helpHint) deps.err('(add --help for usage)');
    return 2;
  }
  if (isDomainError(error)) {
    const [first, ...rest] = describeError(error.detail);
    deps.err(`error: ${first ?? error.detail.kind}`);
    for (const line of rest) deps.err(line);
    return exitCodeFor(error.detail);
  }
  if (error instanceof CliFailure) {
    deps.err(`error: ${error.message}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  deps.err(`error: ${message.split('\n')[0] ?? message}`);
  if (debug && error instanceof Error && error.stack) deps.err(error.stack);
  return 1;
}
