import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireTenantManager, requireTenantReader } from '../authorization/authorize.js';
import { DEFAULT_PASSWORD_POLICY, mergePolicy, validatePolicy, type PartialPolicy } from '../credentials/password-policy.js';
import { conflict, notFound, requestInvalid, type FieldError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { kiiApplicationErrors, KII_SERVICE_USERNAME, type KiiApplicationInput } from '../tenants/kii-application-input.js';
import { isValidTenantId, type KiiApplication, type Tenant } from '../tenants/tenant.js';
import { usernameKey, type User } from '../users/user.js';

type Deps = Pick<Ports, 'tenants' | 'audit' | 'clock' | 'tokens'>;
type CreateDeps = Deps & Pick<Ports, 'users' | 'hasher'>;

function policyErrors(problems: string[]): FieldError[] {
  return problems.map((problem) => {
    const [field, ...rest] = problem.split(': ');
    return { pointer: `/policy/${(field ?? '').replaceAll('.', '/')}`, problem: 'format' as const, detail: rest.join(': ') };
  });
}

function nameErrors(name: string): FieldError[] {
  const trimmed = name.trim();
  if (trimmed.length === 0 || name.length > 200) return [{ pointer: '/name', problem: 'format', detail: 'must be 1 to 200 characters' }];
  return [];
}

export interface CreateTenantInput {
  id: string;
  name: string;
  policy?: PartialPolicy | undefined;
  /** Binds the tenant to a Kii application; the client secret is stored only as a hash. */
  kii?: KiiApplicationInput | undefined;
}

/**
 * Creates a tenant with its own policy (defaults merged under what is given). With a Kii binding it
 * also creates the application's hidden admin user (reserved username, role admin, no password): the
 * user that tokens issued for the client id and secret act as. An app id bound to another tenant is
 * refused with Conflict('kii_app_id').
 */
export async function createTenant(deps: CreateDeps, actor: Actor, input: CreateTenantInput, context: RequestContext): Promise<Tenant> {
  requireTenantManager(actor);
  const policy = mergePolicy(DEFAULT_PASSWORD_POLICY, input.policy);
  const errors = [
    ...(isValidTenantId(input.id) ? [] : [{ pointer: '/id', problem: 'format' as const, detail: 'must be 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit' }]),
    ...nameErrors(input.name),
    ...policyErrors(validatePolicy(policy)),
    ...(input.kii ? kiiApplicationErrors(input.kii) : []),
  ];
  if (errors.length > 0) throw requestInvalid(errors);
  if (input.kii && (await deps.tenants.getByKiiAppId(input.kii.appId))) throw conflict('kii_app_id');

  const now = deps.clock.now();
  const serviceUser: User | null = input.kii
    ? {
        id: deps.tokens.newId(),
        tenantId: input.id,
        username: KII_SERVICE_USERNAME,
        usernameKey: usernameKey(KII_SERVICE_USERNAME),
        email: null,
        emailKey: null,
        displayName: 'Kii application administrator',
        roles: ['admin'],
        status: 'active',
        createdAt: now,
        updatedAt: now,
      }
    : null;
  const kii: KiiApplication | null =
    input.kii && serviceUser
      ? {
          appId: input.kii.appId,
          appKey: input.kii.appKey,
          clientId: input.kii.clientId,
          clientSecretHash: await deps.hasher.hash(input.kii.clientSecret.normalize('NFC')),
          serviceUserId: serviceUser.id,
        }
      : null;
  const tenant: Tenant = { id: input.id, name: input.name, policy, createdAt: now, updatedAt: now, ...(kii ? { kii } : {}) };
  // The store enforces both the id and the app id under races; the user can only follow its tenant.
  await deps.tenants.create(tenant);
  if (serviceUser) await deps.users.create(serviceUser, null);
  await recordAudit(deps, { tenantId: tenant.id, type: 'tenant.create', outcome: 'success', actor, subjectId: null, reason: kii ? 'kii' : null }, context);
  return tenant;
}

export async function listTenants(deps: Pick<Ports, 'tenants'>, actor: Actor): Promise<Tenant[]> {
  requireTenantReader(actor);
  return deps.tenants.list();
}

export async function getTenant(deps: Pick<Ports, 'tenants'>, actor: Actor, id: string): Promise<Tenant> {
  requireTenantReader(actor);
  const tenant = await deps.tenants.get(id);
  if (!tenant) throw notFound('tenant');
  return tenant;
}

/** Renames a tenant or changes its policy; the policy patch merges over the current one. */
export async function updateTenant(
  deps: Deps,
  actor: Actor,
  input: { id: string; name?: string | undefined; policy?: PartialPolicy | undefined },
  context: RequestContext,
): Promise<Tenant> {
  requireTenantManager(actor);
  const existing = await deps.tenants.get(input.id);
  if (!existing) throw notFound('tenant');
  const policy = mergePolicy(existing.policy, input.policy);
  const errors = [...(input.name === undefined ? [] : nameErrors(input.name)), ...policyErrors(validatePolicy(policy))];
  if (errors.length > 0) throw requestInvalid(errors);
  const updated = await deps.tenants.update({ ...existing, name: input.name ?? existing.name, policy, updatedAt: deps.clock.now() });
  if (!updated) throw notFound('tenant');
  // Which settings moved, so a weakened policy can be found in the trail (names only, never values).
  const changed = changedFields({ name: existing.name, policy: existing.policy }, { name: updated.name, policy: updated.policy });
  await recordAudit(
    deps,
    { tenantId: updated.id, type: 'tenant.update', outcome: 'success', actor, subjectId: null, reason: `changed=${changed.join(',') || 'nothing'}` },
    context,
  );
  return updated;
}

/** Dotted paths of the leaves that differ between two plain settings objects, in key order. */
function changedFields(before: object, after: object, prefix = ''): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => {
    const was: unknown = (before as Record<string, unknown>)[key];
    const is: unknown = (after as Record<string, unknown>)[key];
    const path = `${prefix}${key}`;
    const nested = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);
    if (nested(was) && nested(is)) return changedFields(was, is, `${path}.`);
    return JSON.stringify(was) === JSON.stringify(is) ? [] : [path];
  });
}
