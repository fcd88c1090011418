/**
 * Shows a one-time secret (the generated first administrator password) to the operator on standard
 * error — never on standard output, which carries the JSON log stream and is often shipped to a log
 * store.
 */
export function announceSecret(lines: string[]): void {
  process.stderr.write(`\n${lines.map((line) => `  ${line}`).join('\n')}\n\n`);
}
