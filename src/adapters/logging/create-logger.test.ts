import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED_CENSOR, REDACTED_PATHS } from './create-logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

const REQUIRED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-auth-token"]',
  'req.headers.macaroon',
  'req.headers["x-kii-appkey"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.oldPassword',
  '*.new_password',
  '*.OldPassword',
  '*.NewPassword',
  '*.RepeatNewPassword',
  '*.Password',
  '*.token',
  '*.access_token',
  '*.client_secret',
  '*.clientSecret',
  '*.appKey',
  '*.clientSecretHash',
  '*.*.kii.appKey',
  '*.*.kii.clientSecret',
  'res.headers["set-cookie"]',
];

describe('createLogger', () => {
  it.each(REQUIRED_PATHS)('redacts %s', (path) => {
    expect(REDACTED_PATHS).toContain(path);
  });

  it('writes JSON lines at the chosen level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.debug('hidden');
    logger.info({ userId: 'u1' }, 'shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 30, msg: 'shown', userId: 'u1' });
  });

  it('never writes a password, token or cookie value, at any plausible depth', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'trace', destination });
    const secret = (name: string) => `SECRET-${name}-${Math.random().toString(36).slice(2)}`;
    const secrets: string[] = [];
    const s = (name: string) => {
      const value = secret(name);
      secrets.push(value);
      return value;
    };
    logger.info(
      {
        password: s('top-password'),
        token: s('top-token'),
        req: {
          method: 'POST',
          url: '/api/password',
          headers: {
            authorization: `Bearer ${s('authorization')}`,
            cookie: `sid=${s('cookie')}`,
            'x-auth-token': s('x-auth-token'),
            macaroon: s('macaroon'),
            'x-kii-appkey': s('x-kii-appkey'),
          },
          body: {
            currentPassword: s('currentPassword'),
            newPassword: s('newPassword'),
            oldPassword: s('oldPassword'),
            new_password: s('new_password'),
            OldPassword: s('OldPassword'),
            NewPassword: s('NewPassword'),
            RepeatNewPassword: s('RepeatNewPassword'),
            Password: s('Password'),
            client_secret: s('client_secret'),
            clientSecret: s('clientSecret'),
            kii: { appId: 'app-1', appKey: s('kii-appKey'), clientId: 'client-1', clientSecret: s('kii-clientSecret') },
          },
        },
        res: { statusCode: 200, headers: { 'set-cookie': `sid=${s('set-cookie')}` } },
        body: { password: s('body-password'), access_token: s('access_token') },
        user: { token: s('user-token') },
        tenant: { kii: { appKey: s('tenant-appKey'), clientSecretHash: s('tenant-clientSecretHash') } },
      },
      'request',
    );
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    for (const value of secrets) expect(line).not.toContain(value);
    expect(line).not.toContain('SECRET-');
    const parsed = JSON.parse(line);
    expect(parsed.req.headers.authorization).toBe(REDACTED_CENSOR);
    expect(parsed.req.body.newPassword).toBe(REDACTED_CENSOR);
    expect(parsed.res.headers['set-cookie']).toBe(REDACTED_CENSOR);
    expect(parsed.req.headers['x-kii-appkey']).toBe(REDACTED_CENSOR);
    expect(parsed.req.body.kii.appKey).toBe(REDACTED_CENSOR);
    expect(parsed.req.body.kii.appId).toBe('app-1');
    expect(parsed.req.method).toBe('POST');
    expect(parsed.res.statusCode).toBe(200);
  });

  it('redacts child logger bindings too', () => {
    const { lines, destination } = capture();
    const child = createLogger({ level: 'info', destination }).child({ body: { password: 'SECRET-child' } });
    child.info('x');
    expect(lines[0]).not.toContain('SECRET-child');
  });
});

describe('createLogger errors', () => {
  /** A driver error as pg raises it: the query's parameters and more ride along as properties. */
  function driverError() {
    return Object.assign(new Error('duplicate key value violates unique constraint "users_username_key"'), {
      code: '23505',
      detail: 'Key (username_key)=(SECRET-detail) already exists.',
      parameters: ['SECRET-parameter-1', 'SECRET-parameter-2'],
      query: 'insert into users values ($1, $2) -- SECRET-query',
      password: 'SECRET-cause-password',
    });
  }

  function logged(log: (logger: ReturnType<typeof createLogger>) => void) {
    const { lines, destination } = capture();
    log(createLogger({ level: 'info', destination }));
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).not.toContain('SECRET-');
    return JSON.parse(line) as { err: Record<string, unknown>; msg: string };
  }

  it('keeps only type, message, a string code and stack of an error and of its cause', () => {
    const error = new Error('storing the user failed', { cause: driverError() });
    Object.assign(error, { code: 500, statusCode: 500, password: 'SECRET-top-password', parameters: ['SECRET-top-parameter'] });
    const { err } = logged((logger) => logger.error({ err: error }, 'unexpected error'));
    expect(err).toEqual({
      type: 'Error',
      message: 'storing the user failed',
      stack: expect.stringContaining('storing the user failed'),
      cause: {
        type: 'Error',
        message: 'duplicate key value violates unique constraint "users_username_key"',
        code: '23505',
        stack: expect.stringContaining('duplicate key value'),
      },
    });
  });

  it('serializes an error logged as the only argument the same way', () => {
    const parsed = logged((logger) => logger.error(new TypeError('wrapped', { cause: new Error('middle', { cause: driverError() }) })));
    expect(parsed.msg).toBe('wrapped');
    expect(parsed.err).toMatchObject({ type: 'TypeError', message: 'wrapped', cause: { message: 'middle', cause: { code: '23505' } } });
  });

  it('follows a cause chain to a bounded depth, cycles included', () => {
    const cyclic = new Error('cyclic');
    cyclic.cause = cyclic;
    let depth = 0;
    for (let err: Record<string, unknown> | undefined = logged((logger) => logger.error({ err: cyclic }, 'x')).err; err; err = err.cause as Record<string, unknown> | undefined) {
      depth += 1;
    }
    expect(depth).toBeGreaterThan(1);
    expect(depth).toBeLessThanOrEqual(10);
  });

  it('keeps nothing but a type and message of a thrown value that is not an Error', () => {
    expect(logged((logger) => logger.error({ err: { message: 'rejected', parameters: ['SECRET-thrown'], password: 'SECRET-thrown-pw' } }, 'x')).err).toEqual({ type: 'Object', message: 'rejected' });
    expect(logged((logger) => logger.error({ err: 'plain text' }, 'x')).err).toEqual({ type: 'string', message: 'plain text' });
  });
});

describe('createLogger level', () => {
  it('refuses an unknown level name', () => {
    expect(() => createLogger({ level: 'loud', destination: capture().destination })).toThrow();
  });
});
