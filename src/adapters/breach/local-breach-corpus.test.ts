import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORPUS_HEADER_BYTES, HASH_BYTES } from './breach-corpus-format.js';
import { buildBreachCorpus } from './build-breach-corpus.js';
import { createLocalBreachCorpus, type LocalBreachCorpus } from './local-breach-corpus.js';
import { sha1Hex } from './sha1-hex.js';

const BREACHED = ['P@ssw0rd', 'letmein-please-now', 'correct horse battery staple', 'caf\u00e9-au-lait-1999'];
let dir: string;
const opened: LocalBreachCorpus[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passwarden-breach-'));
});

afterEach(async () => {
  for (const corpus of opened.splice(0)) await corpus.close();
  await rm(dir, { recursive: true, force: true });
});

async function buildAndOpen(source: string): Promise<{ corpus: LocalBreachCorpus; hashes: number; wasSorted: boolean }> {
  const output = join(dir, 'corpus.idx');
  const { hashes, wasSorted } = await buildBreachCorpus(source, output);
  const corpus = await createLocalBreachCorpus(output);
  opened.push(corpus);
  return { corpus, hashes, wasSorted };
}

async function expectLookups(corpus: LocalBreachCorpus) {
  for (const password of BREACHED) expect(await corpus.isBreached(password)).toBe(true);
  for (const password of ['tangerine-orbit-lantern', 'p@ssw0rd', 'P@ssw0rd ', '']) expect(await corpus.isBreached(password)).toBe(false);
}

describe('local breach corpus', () => {
  it('indexes an unsorted hash list (HASH or HASH:COUNT, any case, CRLF), skipping count 0 and duplicates', async () => {
    const lines = [
      `${sha1Hex(BREACHED[2] as string)}:12`,
      sha1Hex(BREACHED[0] as string).toLowerCase(),
      '',
      `${sha1Hex(BREACHED[1] as string)}:1`,
      `${sha1Hex(BREACHED[3] as string)}`,
      `${sha1Hex(BREACHED[0] as string)}:5`,
      `${sha1Hex('tangerine-orbit-lantern')}:0`,
    ];
    await writeFile(join(dir, 'hashes.txt'), lines.join('\r\n'));
    const { corpus, hashes, wasSorted } = await buildAndOpen(join(dir, 'hashes.txt'));
    expect({ hashes, wasSorted, size: corpus.size }).toEqual({ hashes: 4, wasSorted: false, size: 4 });
    expect((await stat(join(dir, 'corpus.idx'))).size).toBe(CORPUS_HEADER_BYTES + 4 * HASH_BYTES);
    await expectLookups(corpus);
  });

  it('streams a sorted hash list', async () => {
    const sorted = [...BREACHED.map(sha1Hex), sha1Hex(BREACHED[0] as string)].sort();
    await writeFile(join(dir, 'sorted.txt'), `${sorted.map((hash) => `${hash}:3`).join('\n')}\n`);
    const { corpus, hashes, wasSorted } = await buildAndOpen(join(dir, 'sorted.txt'));
    expect({ hashes, wasSorted }).toEqual({ hashes: 4, wasSorted: true });
    await expectLookups(corpus);
  });

  it('indexes a directory of range files (ABCDE.txt or ABCDE: SUFFIX:COUNT), ignoring padding and other files', async () => {
    const ranges = join(dir, 'ranges');
    await mkdir(ranges);
    for (const [index, password] of BREACHED.entries()) {
      const hash = sha1Hex(password);
      const name = index % 2 === 0 ? `${hash.slice(0, 5)}.txt` : hash.slice(0, 5).toLowerCase();
      await writeFile(join(ranges, name), `${'0'.repeat(35)}:0\r\n${hash.slice(5)}:42\r\n`);
    }
    await writeFile(join(ranges, 'README.md'), 'not a range file');
    const { corpus, hashes, wasSorted } = await buildAndOpen(ranges);
    expect({ hashes, wasSorted }).toEqual({ hashes: 4, wasSorted: true });
    await expectLookups(corpus);
  });

  it('answers false from an empty corpus', async () => {
    await writeFile(join(dir, 'empty.txt'), '\n');
    const { corpus, hashes } = await buildAndOpen(join(dir, 'empty.txt'));
    expect(hashes).toBe(0);
    expect(await corpus.isBreached('anything')).toBe(false);
  });

  it('refuses a malformed line with its file and number, and leaves no output behind', async () => {
    await writeFile(join(dir, 'bad.txt'), `${sha1Hex('x')}\nnot-a-hash\n`);
    await expect(buildBreachCorpus(join(dir, 'bad.txt'), join(dir, 'corpus.idx'))).rejects.toThrow(`${join(dir, 'bad.txt')}:2: expected a SHA-1 hash`);
    await expect(stat(join(dir, 'corpus.idx'))).rejects.toThrow();
    await expect(stat(join(dir, 'corpus.idx.partial'))).rejects.toThrow();
  });

  it('refuses a directory without range files', async () => {
    await mkdir(join(dir, 'nothing'));
    await expect(buildBreachCorpus(join(dir, 'nothing'), join(dir, 'corpus.idx'))).rejects.toThrow(/no range files/);
  });

  it('refuses to open a file that is not an index, or a truncated one', async () => {
    await writeFile(join(dir, 'plain.txt'), `${sha1Hex('x')}\n`);
    await expect(createLocalBreachCorpus(join(dir, 'plain.txt'))).rejects.toThrow(/not a breach corpus/);
    await buildBreachCorpus(join(dir, 'plain.txt'), join(dir, 'corpus.idx'));
    const whole = await readFile(join(dir, 'corpus.idx'));
    await writeFile(join(dir, 'cut.idx'), whole.subarray(0, whole.length - 1));
    await expect(createLocalBreachCorpus(join(dir, 'cut.idx'))).rejects.toThrow(/truncated/);
    await expect(createLocalBreachCorpus(join(dir, 'missing.idx'))).rejects.toThrow(/ENOENT/);
  });
});
