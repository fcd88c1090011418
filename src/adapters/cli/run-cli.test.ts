import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { conflict } from '../../core/errors.js';
import { CliFailure, UsageError } from './cli-errors.js';
import { commandGroup, createProgram } from './create-program.js';
import { runCli } from './run-cli.js';

function harness(action: () => Promise<void>) {
  const out: string[] = [];
  const err: string[] = [];
  const deps = { out: (line: string) => void out.push(line), err: (line: string) => void err.push(line) };
  const program = createProgram(deps, '1.2.3');
  commandGroup(program, 'users').command('go').description('do it').action(action);
  return { program, out, err, deps };
}

describe('runCli', () => {
  it('exits 0 for --version and --help, printing on standard output', async () => {
    const a = harness(async () => undefined);
    expect(await runCli(a.program, ['--version'], a.deps)).toBe(0);
    expect(a.out).toEqual(['1.2.3']);
    const b = harness(async () => undefined);
    expect(await runCli(b.program, ['--help'], b.deps)).toBe(0);
    expect(b.out.join('\n')).toMatch(/Usage: passwarden \[options\] \[command\][\s\S]*users +manage the users of a tenant[\s\S]*never taken\s+from the command line/);
  });

  it('exits 2 for an unknown command or a group without its subcommand', async () => {
    const a = harness(async () => undefined);
    expect(await runCli(a.program, ['user', 'go'], a.deps)).toBe(2);
    expect(a.err[0]).toBe("error: unknown command 'user'\n(Did you mean users?)");
    const b = harness(async () => undefined);
    expect(await runCli(b.program, ['users'], b.deps)).toBe(2);
    expect(b.err.join('\n')).toMatch(/Commands:\n +go +do it$/);
  });

  it('maps our errors to one line each with the right exit code', async () => {
    const cases: [Error, number, string][] = [
      [new UsageError('bad flag'), 2, 'error: bad flag'],
      [new CliFailure('no luck'), 1, 'error: no luck'],
      [conflict('username'), 1, 'error: a user with that username already exists in this tenant'],
      [new Error('disk I/O error\nmore detail'), 1, 'error: disk I/O error'],
    ];
    for (const [error, code, line] of cases) {
      const h = harness(async () => {
        throw error;
      });
      expect(await runCli(h.program, ['users', 'go'], h.deps)).toBe(code);
      expect(h.err[0]).toBe(line);
      expect(h.err.join('\n')).not.toContain('    at ');
    }
  });

  it('leaves out the --help hint when it would not help', async () => {
    const h = harness(async () => {
      throw new UsageError('PASSWARDEN_PORT must be a whole number, got "abc"', { helpHint: false });
    });
    expect(await runCli(h.program, ['users', 'go'], h.deps)).toBe(2);
    expect(h.err).toEqual(['error: PASSWARDEN_PORT must be a whole number, got "abc"']);
  });

  it('prints the stack of an unexpected error only in debug mode', async () => {
    const h = harness(async () => {
      throw new TypeError('boom');
    });
    expect(await runCli(h.program, ['users', 'go'], h.deps, { debug: true })).toBe(1);
    expect(h.err[0]).toBe('error: boom');
    expect(h.err[1]).toMatch(/^TypeError: boom\n\s+at /);
  });

  it('reports something thrown that is not an Error', async () => {
    const h = harness(() => Promise.reject('a string'));
    expect(await runCli(h.program, ['users', 'go'], h.deps)).toBe(1);
    expect(h.err).toEqual(['error: a string']);
  });

  it('works on a bare commander program too', async () => {
    const program = new Command('x').exitOverride().configureOutput({ writeErr: () => undefined });
    expect(await runCli(program, ['--nope'], { err: () => undefined })).toBe(2);
  });
});
