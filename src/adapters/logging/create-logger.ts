import { pino } from 'pino';
import type { DestinationStream, LevelWithSilentOrString, Logger } from 'pino';
import { serializeError } from './serialize-error.js';

/** Field names whose values are secrets wherever they appear (request bodies, wire dialects, errors). */
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'oldPassword',
  'new_password',
  'old_password',
  'current_password',
  'OldPassword',
  'NewPassword',
  'RepeatNewPassword',
  'Password',
  'passwordHash',
  'password_hash',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'sessionToken',
  'session_token',
  'client_secret',
  'clientSecret',
  'clientSecretHash',
  'appKey',
  'secret',
];

/**
 * A tenant's Kii binding (`{ kii: { appKey, clientSecret } }` in the native tenants API) sits one level
 * deeper in a logged request than other bodies' fields: `req.body.kii.appKey`.
 */
const KII_BINDING_SECRET_FIELDS = ['appKey', 'clientSecret', 'clientSecretHash'];

/**
 * Every path pino censors. fast-redact wildcards match exactly one level, so each secret field is
 * listed at the top level, one level down (`{ body: { password } }`) and two levels down
 * (`{ req: { body: { password } } }`).
 */
export const REDACTED_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-auth-token"]',
  'req.headers["x-api-key"]',
  'req.headers.macaroon',
  'req.headers["x-kii-appkey"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...KII_BINDING_SECRET_FIELDS.map((field) => `*.*.kii.${field}`),
]);

export const REDACTED_CENSOR = '[Redacted]';

export interface CreateLoggerOptions {
  /** A pino level name or 'silent'; an unknown name throws. */
  level: LevelWithSilentOrString;
  /** Where lines go; standard output when absent. */
  destination?: DestinationStream;
}

export function createLogger({ level, destination }: CreateLoggerOptions): Logger {
  const options = { level, redact: { paths: [...REDACTED_PATHS], censor: REDACTED_CENSOR }, serializers: { err: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}
