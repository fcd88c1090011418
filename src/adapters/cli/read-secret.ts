import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import type { ReadSecretOptions } from './cli-deps.js';
import { CliFailure, UsageError } from './cli-errors.js';

/** Refused before decoding: far above any password policy's limit, far below trouble. */
const MAX_LINE_BYTES = 4096;

export interface SecretStreams {
  /** Standard input. Its `isTTY` decides between a hidden prompt and reading one piped line. */
  input: Readable & { isTTY?: boolean | undefined; ref?: () => unknown; unref?: () => unknown };
  /** Where prompts go: standard error, so standard output stays clean for scripts. */
  output: NodeJS.WritableStream;
}

/** The first line of a non-terminal input, without its line ending; null at end of input. */
function readLine(input: SecretStreams['input']): Promise<Uint8Array | null> {
  if (input.readableEnded) return Promise.resolve(null);
  input.ref?.();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (settle: () => void) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      input.pause();
      // A paused pipe still holds the event loop open until the writer closes it: let the process end.
      input.unref?.();
      settle();
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      const newline = buffer.indexOf(0x0a);
      const head = newline === -1 ? buffer : buffer.subarray(0, newline);
      size += head.length;
      if (size > MAX_LINE_BYTES) {
        finish(() => reject(new UsageError(`the password line is longer than ${MAX_LINE_BYTES} bytes`)));
        return;
      }
      chunks.push(head);
      if (newline === -1) return;
      const line = Buffer.concat(chunks);
      const rest = buffer.subarray(newline + 1);
      finish(() => {
        // Whatever followed the line stays readable for a later prompt.
        if (rest.length > 0) input.unshift(rest);
        // A Windows line ending loses its carriage return too; nothing else is trimmed.
        resolve(line.at(-1) === 0x0d ? line.subarray(0, -1) : line);
      });
    };
    const onEnd = () => finish(() => resolve(chunks.length === 0 ? null : Buffer.concat(chunks)));
    const onError = (error: Error) => finish(() => reject(error));
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    input.resume();
  });
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError('the password is not valid UTF-8');
  }
}

/** Asks at a terminal with echo off: readline writes into a sink that is muted once the prompt is out. */
function askHidden(streams: SecretStreams, prompt: string): Promise<string> {
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) streams.output.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: streams.input, output: sink, terminal: true, historySize: 0 });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      streams.output.write('\n');
      rl.close();
      action();
    };
    rl.on('SIGINT', () => settle(() => reject(new CliFailure('cancelled'))));
    rl.on('close', () => settle(() => reject(new CliFailure('cancelled: no password entered'))));
    rl.question(prompt, (answer) => settle(() => resolve(answer)));
    muted = true;
  });
}

/**
 * Reads a secret without it ever appearing in argv, the shell history or the terminal: a hidden
 * prompt at a terminal, otherwise the first line of standard input (one trailing \n or \r\n removed).
 */
export function createReadSecret(given?: SecretStreams): (prompt: string, options?: ReadSecretOptions) => Promise<string> {
  return async (prompt, options = {}) => {
    // Standard input is only touched by a command that asks for a secret.
    const streams = given ?? { input: process.stdin, output: process.stderr };
    let secret: string;
    if (streams.input.isTTY === true) {
      secret = await askHidden(streams, prompt);
      if (secret !== '' && options.confirm === true) {
        const again = await askHidden(streams, 'Repeat it: ');
        if (again !== secret) throw new CliFailure('the two entries did not match');
      }
    } else {
      const line = await readLine(streams.input);
      if (line === null) throw new UsageError('no password on standard input');
      secret = decode(line);
    }
    if (secret === '') throw new UsageError('the password is empty');
    return secret;
  };
}
