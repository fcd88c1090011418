import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const KEY32 = Buffer.alloc(32, 1).toString('base64');
const KEY40 = Buffer.alloc(40, 2).toString('base64');

describe('loadConfig: pepper', () => {
  it('has no pepper by default', () => {
    expect(loadConfig({}).pepper).toBeNull();
  });

  it('reads the pepper, its id (default k1) and previous keys', () => {
    expect(loadConfig({ PASSWARDEN_PEPPER: KEY32 }).pepper).toEqual({ current: { id: 'k1', secret: new Uint8Array(32).fill(1) }, previous: [] });
    const rotated = loadConfig({ PASSWARDEN_PEPPER: KEY40, PASSWARDEN_PEPPER_ID: 'k2', PASSWARDEN_PREVIOUS_PEPPERS: `k1:${KEY32}` }).pepper;
    expect(rotated?.current.id).toBe('k2');
    expect(rotated?.current.secret).toHaveLength(40);
    expect(rotated?.previous).toEqual([{ id: 'k1', secret: new Uint8Array(32).fill(1) }]);
  });

  it('reads the pepper and previous keys from files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passwarden-pepper-'));
    writeFileSync(join(dir, 'pepper'), `${KEY40}\n`);
    writeFileSync(join(dir, 'previous'), `k1:${KEY32}\nk0:${KEY32}\n`);
    const pepper = loadConfig({ PASSWARDEN_PEPPER_FILE: join(dir, 'pepper'), PASSWARDEN_PREVIOUS_PEPPERS_FILE: join(dir, 'previous'), PASSWARDEN_PEPPER_ID: 'k2' }).pepper;
    expect(pepper?.current.secret).toHaveLength(40);
    expect(pepper?.previous.map((key) => key.id)).toEqual(['k1', 'k0']);
  });

  it.each([
    ['too short', { PASSWARDEN_PEPPER: Buffer.alloc(31).toString('base64') }],
    ['not base64', { PASSWARDEN_PEPPER: 'not base64 at all!' }],
    ['both forms', { PASSWARDEN_PEPPER: KEY32, PASSWARDEN_PEPPER_FILE: '/nonexistent' }],
    ['missing file', { PASSWARDEN_PEPPER_FILE: '/nonexistent/pepper' }],
    ['bad id', { PASSWARDEN_PEPPER: KEY32, PASSWARDEN_PEPPER_ID: 'much-too-long' }],
    ['previous without current', { PASSWARDEN_PREVIOUS_PEPPERS: `k1:${KEY32}` }],
    ['previous too short', { PASSWARDEN_PEPPER: KEY32, PASSWARDEN_PEPPER_ID: 'k2', PASSWARDEN_PREVIOUS_PEPPERS: `k1:${Buffer.alloc(8).toString('base64')}` }],
    ['previous without id', { PASSWARDEN_PEPPER: KEY32, PASSWARDEN_PEPPER_ID: 'k2', PASSWARDEN_PREVIOUS_PEPPERS: KEY32 }],
    ['repeated id', { PASSWARDEN_PEPPER: KEY32, PASSWARDEN_PREVIOUS_PEPPERS: `k1:${KEY40}` }],
  ])('refuses to start: %s', (_name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});
