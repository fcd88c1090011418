import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig: storage settings', () => {
  it('defaults to SQLite, a pool of 10 and no schema', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, databasePoolSize: 10, databaseSchema: undefined, redisUrl: null });
  });

  it('reads the PostgreSQL URL, pool size and schema, and the Redis URL', () => {
    const config = loadConfig({
      PASSWARDEN_DATABASE_URL: 'postgres://app@db:5432/passwarden',
      PASSWARDEN_DATABASE_POOL_SIZE: '25',
      PASSWARDEN_DATABASE_SCHEMA: 'tenant_a',
      PASSWARDEN_REDIS_URL: 'redis://cache:6379/1',
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://app@db:5432/passwarden', databasePoolSize: 25, databaseSchema: 'tenant_a', redisUrl: 'redis://cache:6379/1' });
  });

  it.each([
    { PASSWARDEN_DATABASE_URL: 'mysql://db/x' },
    { PASSWARDEN_DATABASE_POOL_SIZE: '0' },
    { PASSWARDEN_DATABASE_POOL_SIZE: 'ten' },
    { PASSWARDEN_DATABASE_SCHEMA: 'Public' },
    { PASSWARDEN_DATABASE_SCHEMA: 'a"; drop' },
    { PASSWARDEN_REDIS_URL: 'http://cache' },
  ])('refuses %o', (env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});

describe('PASSWARDEN_TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['10.0.0.0/8', '10.0.0.0/8'],
  ])('%s → %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { PASSWARDEN_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });
});
