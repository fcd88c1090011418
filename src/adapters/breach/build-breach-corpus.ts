import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CORPUS_HEADER_BYTES, CORPUS_MAGIC, HASH_BYTES } from './breach-corpus-format.js';

export interface BuildBreachCorpusResult {
  /** Distinct hashes written (count-0 padding entries and duplicates are left out). */
  hashes: number;
  /** The input was already in hash order, so it was streamed rather than sorted in memory. */
  wasSorted: boolean;
}

/** Unsorted input is sorted in memory, 20 bytes per hash: this caps it at 2 GB. */
export const MAX_UNSORTED_HASHES = 100_000_000;

const RANGE_FILE = /^([0-9A-Fa-f]{5})(\.txt)?$/;
const FULL_LINE = /^([0-9A-Fa-f]{40})(:\d+)?$/;
const RANGE_LINE = /^([0-9A-Fa-f]{35}):(\d+)$/;
const WRITE_BATCH = 50_000;

/**
 * Builds the indexed corpus (breach-corpus-format.ts) from either
 * - a directory of range files, as a Pwned Passwords mirror or the official downloader's
 *   multi-file output holds them: one file per prefix named `ABCDE` or `ABCDE.txt`, each line
 *   `SUFFIX:COUNT` (35 hex characters); or
 * - one file of SHA-1 hashes, one per line, `HASH` or `HASH:COUNT` (40 hex characters, as the
 *   downloader's single-file output).
 * Hex may be either case; blank lines and CRLF endings are fine; count 0 (padding) is skipped. Input
 * already in hash order (both dumps are) is streamed in constant memory, whatever its size;
 * anything else is sorted in memory, up to MAX_UNSORTED_HASHES. The output appears atomically.
 */
export async function buildBreachCorpus(source: string, output: string): Promise<BuildBreachCorpusResult> {
  // First pass: validate every line and learn whether the input is in order.
  let total = 0;
  let wasSorted = true;
  let previous: Buffer | null = null;
  for await (const hash of readHashes(source)) {
    if (previous !== null && previous.compare(hash) > 0) wasSorted = false;
    previous = hash;
    total += 1;
  }
  if (!wasSorted && total > MAX_UNSORTED_HASHES) {
    throw new Error(`${total} unsorted hashes is more than ${MAX_UNSORTED_HASHES} can be sorted in memory; sort the input first (sort -u)`);
  }

  const partial = `${output}.partial`;
  const handle = await open(partial, 'w', 0o644);
  try {
    // Written at the current position (advancing it); patched in place once the count is known.
    await handle.write(Buffer.alloc(CORPUS_HEADER_BYTES), 0, CORPUS_HEADER_BYTES);
    const hashes = wasSorted ? await writeStreamed(source, handle) : await writeSorted(source, total, handle);
    const header = Buffer.alloc(CORPUS_HEADER_BYTES);
    CORPUS_MAGIC.copy(header, 0);
    header.writeBigUInt64BE(BigInt(hashes), 8);
    await handle.write(header, 0, CORPUS_HEADER_BYTES, 0);
    await handle.sync();
    await handle.close();
    await rename(partial, output);
    return { hashes, wasSorted };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

type Output = Awaited<ReturnType<typeof open>>;

async function writeStreamed(source: string, handle: Output): Promise<number> {
  let batch = Buffer.alloc(WRITE_BATCH * HASH_BYTES);
  let inBatch = 0;
  let written = 0;
  let last: Buffer | null = null;
  const flush = async () => {
    await handle.write(batch, 0, inBatch * HASH_BYTES);
    batch = Buffer.alloc(WRITE_BATCH * HASH_BYTES);
    inBatch = 0;
  };
  for await (const hash of readHashes(source)) {
    if (last !== null && last.equals(hash)) continue;
    last = hash;
    hash.copy(batch, inBatch * HASH_BYTES);
    inBatch += 1;
    written += 1;
    if (inBatch === WRITE_BATCH) await flush();
  }
  await flush();
  return written;
}

async function writeSorted(source: string, total: number, handle: Output): Promise<number> {
  const all = Buffer.alloc(total * HASH_BYTES);
  let count = 0;
  for await (const hash of readHashes(source)) {
    if (count === total) throw new Error('the input changed while it was being read');
    hash.copy(all, count * HASH_BYTES);
    count += 1;
  }
  const order = new Uint32Array(count).map((_, index) => index);
  order.sort((a, b) => all.compare(all, b * HASH_BYTES, (b + 1) * HASH_BYTES, a * HASH_BYTES, (a + 1) * HASH_BYTES));
  const out = Buffer.alloc(count * HASH_BYTES);
  let written = 0;
  for (const index of order) {
    const start = index * HASH_BYTES;
    if (written > 0 && all.compare(out, (written - 1) * HASH_BYTES, written * HASH_BYTES, start, start + HASH_BYTES) === 0) continue;
    all.copy(out, written * HASH_BYTES, start, start + HASH_BYTES);
    written += 1;
  }
  await handle.write(out, 0, written * HASH_BYTES);
  return written;
}

/** Every breached hash of the source as 20 bytes, in input order; throws on the first malformed line. */
async function* readHashes(source: string): AsyncGenerator<Buffer> {
  if ((await stat(source)).isDirectory()) {
    const files = (await readdir(source)).filter((name) => RANGE_FILE.test(name));
    if (files.length === 0) throw new Error(`${source} holds no range files (named like ABCDE or ABCDE.txt)`);
    const byPrefix = files.map((name) => ({ name, prefix: (RANGE_FILE.exec(name)?.[1] ?? '').toUpperCase() }));
    byPrefix.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
    for (const { name, prefix } of byPrefix) {
      for await (const { line, number } of lines(join(source, name))) {
        const match = RANGE_LINE.exec(line);
        if (!match) throw new Error(`${join(source, name)}:${number}: expected SUFFIX:COUNT (35 hex characters)`);
        if (Number(match[2]) > 0) yield Buffer.from(prefix + match[1], 'hex');
      }
    }
    return;
  }
  for await (const { line, number } of lines(source)) {
    const match = FULL_LINE.exec(line);
    if (!match) throw new Error(`${source}:${number}: expected a SHA-1 hash (40 hex characters), optionally :COUNT`);
    if (!/^:0+$/.test(match[2] ?? '')) yield Buffer.from(match[1] as string, 'hex');
  }
}

async function* lines(file: string): AsyncGenerator<{ line: string; number: number }> {
  const reader = createInterface({ input: createReadStream(file, { encoding: 'latin1' }), crlfDelay: Infinity });
  let number = 0;
  for await (const raw of reader) {
    number += 1;
    const line = raw.trim();
    if (line !== '') yield { line, number };
  }
}
