import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommonPasswordList } from '../../core/ports/common-password-list.js';
import { loadCommonPasswordList, normaliseCommonPassword } from './load-common-password-list.js';

describe('loadCommonPasswordList (vendored list)', () => {
  let list: CommonPasswordList;
  beforeAll(async () => {
    list = await loadCommonPasswordList();
  });

  it('holds at least 100,000 distinct entries', () => {
    expect(list.size).toBeGreaterThanOrEqual(100_000);
  });

  it.each([
    ['password', true],
    ['qwerty123', true],
    ['123456', true],
    ['iloveyou', true],
    ['correct horse battery staple 7f3kq9', false],
    ['', false],
  ])('contains(%j) is %s', (candidate, expected) => {
    expect(list.contains(candidate)).toBe(expected);
  });

  it('does not contain a random string', () => {
    const random = `x${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    expect(list.contains(random)).toBe(false);
  });

  it('keeps entries lower-cased: the caller lower-cases its candidate', () => {
    expect(list.contains('PASSWORD')).toBe(false);
    expect(list.contains(normaliseCommonPassword('PASSWORD'))).toBe(true);
  });
});

describe('loadCommonPasswordList (given file)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'passwarden-common-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const body = 'Hunter2\r\nCAFE\u0301\n\n  spaced  \nhunter2\nÉTÉ';

  it.each([
    ['plain.txt', Buffer.from(body, 'utf8')],
    ['packed.txt.gz', gzipSync(Buffer.from(body, 'utf8'))],
  ])('reads %s: NFC + lower case, CRLF and empty lines dropped, duplicates merged', async (name, content) => {
    const file = join(dir, name);
    await writeFile(file, content);
    const list = await loadCommonPasswordList(file);
    expect(list.size).toBe(4);
    expect(list.contains('hunter2')).toBe(true);
    expect(list.contains('caf\u00e9')).toBe(true);
    expect(list.contains('cafe\u0301')).toBe(false);
    expect(list.contains('  spaced  ')).toBe(true);
    expect(list.contains('spaced')).toBe(false);
    expect(list.contains('été')).toBe(true);
  });

  it('fails when the file is missing', async () => {
    await expect(loadCommonPasswordList(join(dir, 'absent.txt.gz'))).rejects.toThrow();
  });
});

describe('lists already in lookup form', () => {
  it('ships the bundled list prepared (header line), and loads a prepared file without reprocessing it', async () => {
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const { readFile, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { DEFAULT_COMMON_PASSWORDS_FILE, PREPARED_HEADER, loadCommonPasswordList: load } = await import('./load-common-password-list.js');
    const bundled = gunzipSync(await readFile(DEFAULT_COMMON_PASSWORDS_FILE)).toString('utf8');
    expect(bundled.startsWith(`${PREPARED_HEADER}\n`)).toBe(true);

    const file = join(tmpdir(), `prepared-${process.pid}.txt.gz`);
    await writeFile(file, gzipSync(`${PREPARED_HEADER}\n${['alpha', 'beta', 'gamma', 'é-accent'].join('\n')}\n`));
    const list = await load(file);
    await rm(file);
    expect(list.size).toBe(4);
    for (const entry of ['alpha', 'beta', 'gamma', 'é-accent']) expect(list.contains(entry)).toBe(true);
    for (const absent of ['', 'alph', 'delta', PREPARED_HEADER.toLowerCase()]) expect(list.contains(absent)).toBe(false);
  });
});
