import { requestInvalid, type FieldError } from '../../../../core/errors.js';

export interface ChangePasswordBody {
  oldPassword: string | null;
  newPassword: string | null;
}

type JsonObject = Record<string, unknown>;

export function isJsonObject(body: unknown): body is JsonObject {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** A body that is absent or not a JSON object cannot be understood at all (malformedData). */
export function requireJsonObject(body: unknown): JsonObject {
  if (!isJsonObject(body)) throw requestInvalid([{ pointer: '', problem: 'malformed', detail: 'the body is not a JSON object' }]);
  return body;
}

/**
 * Keys in the order the product's sanitizer visits them (an Erlang map: sorted), so of two missing
 * keys `newPassword` is reported.
 */
const KEYS = ['newPassword', 'oldPassword'] as const;

/**
 * Checks the body by hand so that failures come out in the product's order [doc]: missing keys, then
 * types, then [ours] unknown keys (the security baseline refuses them on writes). The new password's
 * rules are the core's. `null` is accepted for both keys here: for `oldPassword` it is the product's
 * "never set" [doc]; a null `newPassword` is refused by the policy as the empty password [doc].
 */
export function readChangePasswordBody(body: JsonObject): ChangePasswordBody {
  const missing = KEYS.filter((key) => !Object.hasOwn(body, key));
  const mistyped = KEYS.filter((key) => Object.hasOwn(body, key) && body[key] !== null && typeof body[key] !== 'string');
  const unknown = Object.keys(body).filter((key) => !(KEYS as readonly string[]).includes(key));
  const errors: FieldError[] = [
    ...missing.map((key): FieldError => ({ pointer: `/${key}`, problem: 'missing', detail: 'is required' })),
    ...mistyped.map((key): FieldError => ({ pointer: `/${key}`, problem: 'type', detail: 'must be a string' })),
    ...unknown.map((key): FieldError => ({ pointer: `/${key}`, problem: 'unknown_field', detail: 'is not a known field' })),
  ];
  if (errors.length > 0) throw requestInvalid(errors);
  return { oldPassword: body.oldPassword as string | null, newPassword: body.newPassword as string | null };
}
