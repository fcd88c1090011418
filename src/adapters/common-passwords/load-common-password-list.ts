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
 *
 * The entries are kept as one sorted, newline-joined string with an offset table and looked up by
 * binary search: about 5 MB for the bundled list, where a Set of 400,000 strings holds about 25 MB of
 * heap for the life of the process.
 */
export async function loadCommonPasswordList(file: string = DEFAULT_COMMON_PASSWORDS_FILE): Promise<CommonPasswordList> {
  const raw = await readFile(file);
  const text = (file.endsWith('.gz') ? await gunzipAsync(raw) : raw).toString('utf8');
  if (text.startsWith(`${PREPARED_HEADER}\n`)) return preparedList(text.slice(PREPARED_HEADER.length + 1));
  const unique = new Set<string>();
  for (const line of text.split('\n')) {
    const entry = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (entry.length > 0) unique.add(normaliseCommonPassword(entry));
  }
  return compactList([...unique].sort(compareUtf16));
}

/**
 * First line of a list already in lookup form (NFC, lower case, unique, sorted by UTF-16 code units,
 * one per line), as the bundled asset is: it is used as loaded, with no string per entry ever made.
 * scripts/prepare-common-passwords.ts writes it.
 */
export const PREPARED_HEADER = '# passwarden common-password list v1: NFC, lower-case, unique, sorted';

function preparedList(body: string): CommonPasswordList {
  let count = 0;
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) count += 1;
  const starts = new Uint32Array(count + 1);
  let index = 0;
  let start = 0;
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) {
    starts[index] = start;
    index += 1;
    start = at + 1;
  }
  starts[count] = start;
  return searchable(body, starts, count);
}

const compareUtf16 = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compactList(sorted: string[]): CommonPasswordList {
  const starts = new Uint32Array(sorted.length + 1);
  let offset = 0;
  sorted.forEach((entry, index) => {
    starts[index] = offset;
    offset += entry.length + 1;
  });
  const count = sorted.length;
  starts[count] = offset;
  // Round-tripped through a Buffer so the result is one flat string, not a rope over the entries:
  // nothing then keeps the sorted array or its 400,000 strings alive.
  const joined = Buffer.from(`${sorted.join('\n')}\n`, 'utf8').toString('utf8');
  return searchable(joined, starts, count);
}

/** Binary search over `count` newline-terminated entries of `joined` starting at `starts`. */
function searchable(joined: string, starts: Uint32Array, count: number): CommonPasswordList {
  const entryAt = (index: number) => joined.slice(starts[index] as number, (starts[index + 1] as number) - 1);
  return {
    size: count,
    contains(candidate) {
      let low = 0;
      let high = count - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const order = compareUtf16(entryAt(middle), candidate);
        if (order === 0) return true;
        if (order < 0) low = middle + 1;
        else high = middle - 1;
      }
      return false;
    },
  };
}
