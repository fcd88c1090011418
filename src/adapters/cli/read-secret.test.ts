import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliFailure, UsageError } from './cli-errors.js';
import { createReadSecret } from './read-secret.js';

function collector() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function piped(...chunks: (string | Buffer)[]) {
  const input = new PassThrough();
  for (const chunk of chunks) input.write(chunk);
  input.end();
  const output = collector();
  return { read: createReadSecret({ input, output: output.stream }), output };
}

/** A fake terminal: readline sees isTTY and drives it key by key. */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = collector();
  const type = (text: string) => setImmediate(() => input.write(text));
  return { read: createReadSecret({ input, output: output.stream }), output, type };
}

describe('readSecret from piped standard input', () => {
  it.each([
    ['a line feed', 'correct horse\n', 'correct horse'],
    ['a CR LF', 'correct horse\r\n', 'correct horse'],
    ['only one CR LF', 'correct horse\r\r\n', 'correct horse\r'],
    ['no line ending at all', 'correct horse', 'correct horse'],
    ['surrounding spaces, kept', '  spaced out  \n', '  spaced out  '],
    ['non-ASCII', 'pässwörd-ünïcode-✓\n', 'pässwörd-ünïcode-✓'],
  ])('reads the first line ending in %s', async (_name, input, expected) => {
    const { read, output } = piped(input);
    await expect(read('Password: ')).resolves.toBe(expected);
    expect(output.text()).toBe('');
  });

  it('joins a line split across chunks, and leaves the next line for the next read', async () => {
    const { read } = piped('first-', Buffer.from('line\nsecond'), '-line\nthird');
    await expect(read('One: ')).resolves.toBe('first-line');
    await expect(read('Two: ')).resolves.toBe('second-line');
    await expect(read('Three: ')).resolves.toBe('third');
    await expect(read('Four: ')).rejects.toThrow(new UsageError('no password on standard input'));
  });

  it('reads once even when asked to confirm', async () => {
    const { read } = piped('only-once\nsomething-else\n');
    await expect(read('Password: ', { confirm: true })).resolves.toBe('only-once');
  });

  it.each([
    ['no input at all', [], 'no password on standard input'],
    ['an empty first line', ['\nlater\n'], 'the password is empty'],
    ['invalid UTF-8', [Buffer.from([0x70, 0xff, 0x0a])], 'the password is not valid UTF-8'],
    ['an endless line', ['x'.repeat(5000)], 'the password line is longer than 4096 bytes'],
  ])('refuses %s as bad usage', async (_name, chunks, message) => {
    const { read } = piped(...chunks);
    const error = await read('Password: ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
  });
});

describe('readSecret at a terminal', () => {
  it('prompts on the output and does not echo what is typed', async () => {
    const { read, output, type } = terminal();
    const secret = read('Password for alice: ');
    type('tangerine-orbit-lantern\r');
    await expect(secret).resolves.toBe('tangerine-orbit-lantern');
    expect(output.text()).toContain('Password for alice: ');
    expect(output.text()).not.toContain('tangerine');
  });

  it('asks twice with confirm and refuses a mismatch', async () => {
    const { read, output, type } = terminal();
    const secret = read('Password: ', { confirm: true });
    type('tangerine-orbit-lantern\r');
    setTimeout(() => type('tangerine-orbit-lantren\r'), 20);
    const error = await secret.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliFailure);
    expect((error as Error).message).toBe('the two entries did not match');
    expect(output.text()).toContain('Repeat it: ');
    expect(output.text()).not.toContain('tangerine');
  });

  it('accepts matching entries with confirm', async () => {
    const { read, type } = terminal();
    const secret = read('Password: ', { confirm: true });
    type('velvet-harbour-compass\r');
    setTimeout(() => type('velvet-harbour-compass\r'), 20);
    await expect(secret).resolves.toBe('velvet-harbour-compass');
  });

  it('cancels on Ctrl-C', async () => {
    const { read, type } = terminal();
    const secret = read('Password: ');
    type('half-typed\u0003');
    await expect(secret).rejects.toThrow(new CliFailure('cancelled'));
  });

  it('refuses an empty entry', async () => {
    const { read, type } = terminal();
    const secret = read('Password: ', { confirm: true });
    type('\r');
    await expect(secret).rejects.toThrow(new UsageError('the password is empty'));
  });
});
