import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Shows a one-time secret (the generated first administrator password) to the operator: on the
 * controlling terminal when there is one, else on standard error — never on standard output, which
 * carries the JSON log stream and is often shipped to a log store.
 */
export function announceSecret(lines: string[]): void {
  const text = `\n${lines.map((line) => `  ${line}`).join('\n')}\n\n`;
  try {
    const tty = openSync('/dev/tty', 'w');
    try {
      writeSync(tty, text);
      return;
    } finally {
      closeSync(tty);
    }
  } catch {
    process.stderr.write(text);
  }
}
