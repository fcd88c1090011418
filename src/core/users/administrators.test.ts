import { describe, expect, it } from 'vitest';
import { isActiveAdministrator, patchRemovesAdministrator } from './administrators.js';

const admin = { username: 'ada', status: 'active' as const, roles: ['admin' as const] };

describe('administrators', () => {
  it.each([
    { name: 'an active admin', user: admin, expected: true },
    { name: 'a disabled admin', user: { ...admin, status: 'disabled' as const }, expected: false },
    { name: 'a member', user: { ...admin, roles: ['member' as const] }, expected: false },
    { name: 'a service principal with the admin role', user: { ...admin, username: '$kii-app-admin' }, expected: false },
  ])('$name is an active administrator: $expected', ({ user, expected }) => {
    expect(isActiveAdministrator(user)).toBe(expected);
  });

  it.each([
    { name: 'a demotion', patch: { roles: ['member' as const] }, expected: true },
    { name: 'a disabling', patch: { status: 'disabled' as const }, expected: true },
    { name: 'roles that keep admin', patch: { roles: ['admin' as const, 'auditor' as const] }, expected: false },
    { name: 'neither roles nor status', patch: {}, expected: false },
  ])('$name removes an administrator: $expected', ({ patch, expected }) => {
    expect(patchRemovesAdministrator(admin, patch)).toBe(expected);
    expect(patchRemovesAdministrator({ ...admin, roles: ['member'] }, patch)).toBe(false);
  });
});
