import { afterEach, describe, expect, it } from 'vitest';
import { createPwnedPasswordsChecker, parseRange } from './pwned-passwords-checker.js';
import { sha1Hex } from './sha1-hex.js';
import { startRangeServer, type RangeServer } from './testing/range-server.js';

const BREACHED = 'P@ssw0rd';
let server: RangeServer | undefined;

async function serve(breached: Record<string, number> = { [BREACHED]: 52_000, padded: 0 }): Promise<RangeServer> {
  server = await startRangeServer(breached);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createPwnedPasswordsChecker', () => {
  it('asks /range/<first 5 of SHA-1> with padding requested, and finds a breached password', async () => {
    const { url, requests } = await serve();
    const checker = createPwnedPasswordsChecker({ baseUrl: `${url}/` });
    expect(await checker.isBreached(BREACHED)).toBe(true);
    const hash = sha1Hex(BREACHED);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe(`/range/${hash.slice(0, 5)}`);
    expect(requests[0]?.headers['add-padding']).toBe('true');
  });

  it('sends only the 5-character prefix: neither the password nor the rest of its hash leaves the process', async () => {
    const { url, requests } = await serve();
    const checker = createPwnedPasswordsChecker({ baseUrl: url });
    await checker.isBreached(BREACHED);
    const sent = JSON.stringify(requests);
    expect(sent).not.toContain(BREACHED);
    expect(sent.toUpperCase()).not.toContain(sha1Hex(BREACHED).slice(0, 6));
  });

  it('answers false for a password not in the range, and ignores count-0 padding entries', async () => {
    const { url } = await serve();
    const checker = createPwnedPasswordsChecker({ baseUrl: url });
    expect(await checker.isBreached('tangerine-orbit-lantern')).toBe(false);
    expect(await checker.isBreached('padded')).toBe(false);
  });

  it('caches ranges: a second lookup of the prefix makes no request, until the entry expires', async () => {
    const { url, requests } = await serve();
    let now = 0;
    const checker = createPwnedPasswordsChecker({ baseUrl: url, cacheTtlMs: 1000, now: () => now });
    expect(await checker.isBreached(BREACHED)).toBe(true);
    expect(await checker.isBreached(BREACHED)).toBe(true);
    expect(requests).toHaveLength(1);
    now = 1001;
    expect(await checker.isBreached(BREACHED)).toBe(true);
    expect(requests).toHaveLength(2);
  });

  it('keeps at most cacheEntries ranges, dropping the least recently used', async () => {
    const { url, requests } = await serve();
    const checker = createPwnedPasswordsChecker({ baseUrl: url, cacheEntries: 2 });
    // Three passwords with three different prefixes.
    const [a, b, c] = ['alpha-1', 'bravo-2', 'charlie-3'];
    expect(new Set([a, b, c].map((p) => sha1Hex(p as string).slice(0, 5))).size).toBe(3);
    for (const password of [a, b, a, c, a, b]) await checker.isBreached(password as string);
    // a, b fetched; a cached; c fetched (drops b); a cached; b fetched again.
    expect(requests).toHaveLength(4);
  });

  it('shares one request between concurrent lookups of one prefix', async () => {
    const { url, requests } = await serve();
    const checker = createPwnedPasswordsChecker({ baseUrl: url });
    expect(await Promise.all([checker.isBreached(BREACHED), checker.isBreached(BREACHED)])).toEqual([true, true]);
    expect(requests).toHaveLength(1);
  });

  it('rejects with an ordinary error, reported to onError, when the source is too slow', async () => {
    const range = await serve();
    range.delayMs = 500;
    const errors: Error[] = [];
    const checker = createPwnedPasswordsChecker({ baseUrl: range.url, timeoutMs: 100, onError: (error) => errors.push(error) });
    await expect(checker.isBreached(BREACHED)).rejects.toThrow(/breach range lookup failed/);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).not.toContain(BREACHED);
  });

  it.each([500, 503, 429, 404])('rejects when the source answers %i, and caches nothing', async (status) => {
    const range = await serve();
    range.status = status;
    const checker = createPwnedPasswordsChecker({ baseUrl: range.url });
    await expect(checker.isBreached(BREACHED)).rejects.toThrow(`answered ${status}`);
    range.status = 200;
    expect(await checker.isBreached(BREACHED)).toBe(true);
    expect(range.requests).toHaveLength(2);
  });

  it('rejects when nothing listens', async () => {
    const range = await serve();
    const url = range.url;
    await range.close();
    server = undefined;
    await expect(createPwnedPasswordsChecker({ baseUrl: url }).isBreached(BREACHED)).rejects.toThrow(/breach range lookup failed/);
  });

  it('rejects a malformed or oversized answer rather than reading it as "not breached"', async () => {
    const fake = (body: string) => (async () => new Response(body)) as typeof fetch;
    await expect(createPwnedPasswordsChecker({ baseUrl: 'http://x', fetch: fake('<html>oops</html>') }).isBreached('x')).rejects.toThrow(/malformed/);
    await expect(createPwnedPasswordsChecker({ baseUrl: 'http://x', fetch: fake('A'.repeat(2 * 1024 * 1024)) }).isBreached('x')).rejects.toThrow(/larger than/);
  });
});

describe('parseRange', () => {
  it('keeps breached suffixes, drops padding, accepts LF or CRLF and lower case', () => {
    const suffix = (c: string) => c.repeat(35);
    const parsed = parseRange(`${suffix('b')}:3\r\n${suffix('A')}:0\n${suffix('C')}:10\n\n`);
    expect(parsed).toHaveLength(2);
    expect(parseRange('')).toHaveLength(0);
  });
});
