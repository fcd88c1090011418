/**
 * What a logged error keeps. Errors carry whatever their thrower attached — a database driver's query
 * parameters, a request body — so everything but these fields is dropped, along the `cause` chain too.
 */
export interface SerializedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SerializedError;
}

/** How many `cause` links are followed; a cyclic or very long chain stops there. */
export const MAX_CAUSE_DEPTH = 5;

/** pino's `err` serializer. A thrown value that is not an object keeps its type and text. */
export function serializeError(value: unknown): SerializedError {
  return serialize(value, 0);
}

function serialize(value: unknown, depth: number): SerializedError {
  if (typeof value !== 'object' || value === null) return { type: typeof value, message: String(value) };
  const { constructor, message, code, stack, cause } = value as { constructor?: { name?: unknown }; message?: unknown; code?: unknown; stack?: unknown; cause?: unknown };
  const name = constructor?.name;
  return {
    type: typeof name === 'string' && name !== '' ? name : 'Object',
    message: typeof message === 'string' ? message : '',
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof stack === 'string' ? { stack } : {}),
    ...(cause !== undefined && depth < MAX_CAUSE_DEPTH ? { cause: serialize(cause, depth + 1) } : {}),
  };
}
