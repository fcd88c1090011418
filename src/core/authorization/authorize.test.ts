import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorDetail } from '../errors.js';
import type { Role } from '../users/user.js';
import { OPERATOR, type UserActor } from './actor.js';
import { requireAdmin, requireFullSession, requireReader, requireTenantManager, requireTenantReader } from './authorize.js';

function user(tenantId: string, roles: Role[], passwordChangeOnly = false): UserActor {
  return {
    kind: 'user',
    tenantId,
    userId: 'u1',
    sessionId: 's1',
    roles,
    passwordChangeOnly,
    authenticatedAt: new Date(0),
    sessionOrigin: 'native',
  };
}

function outcome(check: () => void): DomainErrorDetail | 'allowed' {
  try {
    check();
    return 'allowed';
  } catch (error) {
    if (error instanceof DomainError) return error.detail;
    throw error;
  }
}

const changeRequired = { kind: 'PasswordChangeRequired' } as const;
const role = { kind: 'Forbidden', reason: 'role' } as const;
const otherTenant = { kind: 'Forbidden', reason: 'other_tenant' } as const;

describe('authorization guards', () => {
  it.each([
    { name: 'operator', actor: OPERATOR, admin: 'allowed', reader: 'allowed', manager: 'allowed', tenantReader: 'allowed' },
    { name: 'admin of acme', actor: user('acme', ['admin']), admin: 'allowed', reader: 'allowed', manager: otherTenant, tenantReader: otherTenant },
    { name: 'auditor of acme', actor: user('acme', ['auditor']), admin: role, reader: 'allowed', manager: otherTenant, tenantReader: otherTenant },
    { name: 'member of acme', actor: user('acme', ['member']), admin: role, reader: role, manager: otherTenant, tenantReader: otherTenant },
    { name: 'admin of globex', actor: user('globex', ['admin']), admin: otherTenant, reader: otherTenant, manager: otherTenant, tenantReader: otherTenant },
    { name: 'admin of default', actor: user('default', ['admin']), admin: otherTenant, reader: otherTenant, manager: 'allowed', tenantReader: 'allowed' },
    { name: 'auditor of default', actor: user('default', ['auditor']), admin: otherTenant, reader: otherTenant, manager: role, tenantReader: 'allowed' },
    {
      name: 'admin of acme in a change-only session',
      actor: user('acme', ['admin'], true),
      admin: changeRequired,
      reader: changeRequired,
      manager: changeRequired,
      tenantReader: changeRequired,
    },
  ])('$name on tenant acme', ({ actor, admin, reader, manager, tenantReader }) => {
    expect(outcome(() => requireAdmin(actor, 'acme'))).toEqual(admin);
    expect(outcome(() => requireReader(actor, 'acme'))).toEqual(reader);
    expect(outcome(() => requireTenantManager(actor))).toEqual(manager);
    expect(outcome(() => requireTenantReader(actor))).toEqual(tenantReader);
  });

  it('requireFullSession refuses only change-only sessions', () => {
    expect(outcome(() => requireFullSession(user('acme', ['member'])))).toBe('allowed');
    expect(outcome(() => requireFullSession(OPERATOR))).toBe('allowed');
    expect(outcome(() => requireFullSession(user('acme', ['member'], true)))).toEqual(changeRequired);
  });
});
