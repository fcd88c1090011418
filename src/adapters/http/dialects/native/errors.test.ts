import { describe, expect, it } from 'vitest';
import { toNativeWire } from './errors.js';

describe('toNativeWire: Forbidden', () => {
  it.each([
    { reason: 'self', detail: 'Administrators cannot disable, demote or delete themselves.' },
    { reason: 'last_admin', detail: 'The tenant would be left without an active administrator; make another user an administrator first.' },
    { reason: 'role', detail: 'You are not allowed to do this.' },
    { reason: 'other_tenant', detail: 'You are not allowed to do this.' },
  ] as const)('$reason: 403 forbidden, "$detail"', ({ reason, detail }) => {
    expect(toNativeWire({ kind: 'Forbidden', reason })).toEqual({ status: 403, code: 'forbidden', detail });
  });
});
