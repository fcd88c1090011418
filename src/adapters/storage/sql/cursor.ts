import { requestInvalid } from '../../../core/errors.js';

/** Cursors are opaque to callers: base64url of a small JSON value only this adapter reads. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** A cursor that was not issued by this store is the caller's mistake, not an internal failure. */
export function decodeCursor<T>(cursor: string, accept: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (accept(value)) return value;
  } catch {
    // fall through to the refusal below
  }
  throw requestInvalid([{ pointer: '/cursor', problem: 'malformed', detail: 'cursor was not issued by this service' }]);
}

export const isKeyCursor = (value: unknown): value is { k: string } =>
  typeof value === 'object' && value !== null && typeof (value as { k?: unknown }).k === 'string';

export const isAuditCursor = (value: unknown): value is { at: number; seq: number } =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as { at?: unknown }).at) &&
  Number.isSafeInteger((value as { seq?: unknown }).seq);
