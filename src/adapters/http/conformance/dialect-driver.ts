import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** Every dialect the conformance table must answer for. Adding one: a driver file and one key per scenario. */
export type DialectName = 'native' | 'vrni' | 'onezone' | 'unifiedAssurance' | 'kii';

/** Who a request is sent as: the user's name and the token this dialect's client presents (null: none). */
export interface Caller {
  username: string;
  token: string | null;
}

/** A user changes their own password. `currentPassword` null: the user never had one. */
export interface ChangeOwn {
  caller: Caller;
  currentPassword: string | null;
  newPassword: string;
}

/** An administrator sets another user's password. */
export interface ChangeOther {
  admin: Caller;
  target: { id: string; username: string };
  newPassword: string;
}

/**
 * A request before serialisation, so a scenario can damage the body, the content type or the
 * credentials the same way in every dialect.
 */
export interface WireRequest {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * Translates abstract actions into one dialect's exact wire requests, headers included, as that
 * product's documented client sends them.
 */
export interface DialectDriver {
  readonly name: DialectName;
  /** The `dialect` its requests are recorded under in audit events. */
  readonly auditName: string;
  /** The body key that carries the new password. */
  readonly newPasswordField: string;
  /** Logs in the way this dialect's client does and returns the token it then presents. */
  logIn(app: FastifyInstance, username: string, password: string): Promise<string>;
  /** A request that proves a password without changing anything (a log-in, or Basic credentials). */
  authenticate(username: string, password: string): InjectOptions;
  /** Whether `authenticate`'s response means the password was accepted. */
  accepted(response: LightMyRequestResponse): boolean;
  changeOwn(action: ChangeOwn): WireRequest;
  /** Absent when the dialect cannot change another user's password. */
  changeOther?: (action: ChangeOther) => WireRequest;
}

/** Serialises a wire request for `app.inject`; `payload` replaces the JSON body verbatim. */
export function toInject(request: WireRequest, options: { payload?: string; headers?: Record<string, string> } = {}): InjectOptions {
  return {
    method: request.method,
    url: request.url,
    headers: { ...request.headers, ...options.headers },
    payload: options.payload ?? JSON.stringify(request.body),
  };
}
