import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('breach configuration', () => {
  it('is off by default, failing closed with a 2 s time-out', () => {
    expect(loadConfig({}).breach).toEqual({ apiUrl: null, corpusFile: null, failOpen: false, timeoutMs: 2000 });
  });

  it('takes the range API base URL (without a trailing slash), the fail mode and the time-out', () => {
    const env = { PASSWARDEN_BREACH_API_URL: 'https://pwned.internal/', PASSWARDEN_BREACH_FAIL_OPEN: 'true', PASSWARDEN_BREACH_TIMEOUT_MS: '500' };
    expect(loadConfig(env).breach).toEqual({ apiUrl: 'https://pwned.internal', corpusFile: null, failOpen: true, timeoutMs: 500 });
  });

  it('takes a local corpus file as an absolute path', () => {
    expect(loadConfig({ PASSWARDEN_BREACH_CORPUS_FILE: '/srv/breach.idx' }).breach.corpusFile).toBe('/srv/breach.idx');
  });

  it.each([
    [{ PASSWARDEN_BREACH_API_URL: 'ftp://x' }, /http\(s\) URL/],
    [{ PASSWARDEN_BREACH_API_URL: 'https://x', PASSWARDEN_BREACH_CORPUS_FILE: '/a' }, /not both/],
    [{ PASSWARDEN_BREACH_FAIL_OPEN: 'yes' }, /true or false/],
    [{ PASSWARDEN_BREACH_TIMEOUT_MS: '10' }, /between 100 and 60000/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
