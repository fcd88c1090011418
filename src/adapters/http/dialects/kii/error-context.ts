import type { FastifyRequest } from 'fastify';

/**
 * What a Kii error body names besides the error itself (the app, the caller, the user addressed), as
 * far as the route got before failing. Kept beside the request rather than on it, so no global
 * Fastify type is widened for one dialect.
 */
export interface KiiErrorContext {
  /** The appID in the path or the x-kii-appid header. */
  appId: string | null;
  /** The authenticated caller's user id, once the token is resolved. */
  principalId: string | null;
  /** The caller's token belongs to another application (whose id is then not named). */
  crossApp: boolean;
  /** How the path named the user: field userID / loginName / emailAddress, and the value given. */
  target: { field: string; value: string } | null;
  /** The user whose password was being checked, and their login name (WrongPasswordException). */
  subject: { userId: string; address: string } | null;
  /** Which body field carries the new password (registration: password; change: newPassword). */
  passwordField: 'password' | 'newPassword';
  /** Kii's names for the core's field pointers where they differ (registration: /username → loginName). */
  fieldNames: Readonly<Record<string, string>>;
}

const contexts = new WeakMap<FastifyRequest, KiiErrorContext>();

export function errorContext(request: FastifyRequest): KiiErrorContext {
  let context = contexts.get(request);
  if (!context) {
    const params = request.params as { appID?: unknown } | undefined;
    const header = request.headers['x-kii-appid'];
    const appId = typeof params?.appID === 'string' ? params.appID : typeof header === 'string' ? header : null;
    context = { appId, principalId: null, crossApp: false, target: null, subject: null, passwordField: 'newPassword', fieldNames: {} };
    contexts.set(request, context);
  }
  return context;
}
