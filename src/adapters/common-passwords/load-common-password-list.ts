import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { CommonPasswordList } from '../../core/ports/common-password-list.js';

const gunzipAsync = promisify(gunzip);

/**
 * The vendored list (see assets/common-passwords.NOTICE.md). Three levels up from this file is the
 * package root both in src/ (tests) and in dist/ (compiled), since dist mirrors the src layout.
 */
export const DEFAULT_COMMON_PASSWORDS_FILE = fileURLToPath(
  new URL('../../../assets/common-passwords.txt.gz', import.meta.url),
);

/** The form entries are kept and looked up in: NFC, lower case, nothing trimmed. */
export function normaliseCommonPassword(entry: string): string {
  return entry.normalize('NFC').toLowerCase();
}

/**
 * Reads a newline-separated list (gzip when the name ends in .gz, else UTF-8 text) into memory.
 * Empty lines and CR of CRLF endings are dropped; every entry is stored NFC + lower-cased, so
 * `contains` expects its argument in that same form.
 */
export async function loadCommonPasswordList(file: string = DEFAULT_COMMON_PASSWORDS_FILE): Promise<CommonPasswordList> {
  const raw = await readFile(file);
  const text = (file.endsWith('.gz') ? await gunzipAsync(raw) : raw).toString('utf8');
  const entries = new Set<string>();
  for (const line of text.split('\n')) {
    const entry = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (entry.length > 0) entries.add(normaliseCommonPassword(entry));
  }
  return {
    contains: (normalisedLowerCase) => entries.has(normalisedLowerCase),
    size: entries.size,
  };
}
