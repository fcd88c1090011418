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
          },
        },
        res: { statusCode: 200, headers: { 'set-cookie': `sid=${s('set-cookie')}` } },
        body: { password: s('body-password'), access_token: s('access_token') },
        user: { token: s('user-token') },
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

describe('createLogger level', () => {
  it('refuses an unknown level name', () => {
    expect(() => createLogger({ level: 'loud', destination: capture().destination })).toThrow();
  });
});
