// Rewrites a newline list of passwords into the form passwarden loads without per-entry work: NFC,
// lower-cased, unique, sorted by UTF-16 code units, behind a header line. Used to produce the bundled
// assets/common-passwords.txt.gz from its upstream file:
//   node --import tsx scripts/prepare-common-passwords.ts <input[.gz]> assets/common-passwords.txt.gz
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PREPARED_HEADER, normaliseCommonPassword } from '../src/adapters/common-passwords/load-common-password-list.js';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: prepare-common-passwords <input[.gz]> <output.gz>\n');
  process.exit(2);
}
const raw = await readFile(input);
const text = (input.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
const unique = new Set<string>();
for (const line of text.split('\n')) {
  if (line.startsWith(PREPARED_HEADER)) continue;
  const entry = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (entry.length > 0) unique.add(normaliseCommonPassword(entry));
}
const sorted = [...unique].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
await writeFile(output, gzipSync(`${PREPARED_HEADER}\n${sorted.join('\n')}\n`, { level: 9 }));
process.stdout.write(`${sorted.length} entries written to ${output}\n`);
