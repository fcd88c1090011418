import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireTenantManager, requireTenantReader } from '../authorization/authorize.js';
import { DEFAULT_PASSWORD_POLICY, mergePolicy, validatePolicy, type PartialPolicy } from '../credentials/password-policy.js';
import { notFound, requestInvalid, type FieldError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { isValidTenantId, type Tenant } from '../tenants/tenant.js';

type Deps = Pick<Ports, 'tenants' | 'audit' | 'clock' | 'tokens'>;

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

/** Creates a tenant with its own policy (defaults merged under what is given). */
export async function createTenant(
  deps: Deps,
  actor: Actor,
  input: { id: string; name: string; policy?: PartialPolicy | undefined },
  context: RequestContext,
): Promise<Tenant> {
  requireTenantManager(actor);
  const policy = mergePolicy(DEFAULT_PASSWORD_POLICY, input.policy);
  const errors = [
    ...(isValidTenantId(input.id) ? [] : [{ pointer: '/id', problem: 'format' as const, detail: 'must be 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit' }]),
    ...nameErrors(input.name),
    ...policyErrors(validatePolicy(policy)),
  ];
  if (errors.length > 0) throw requestInvalid(errors);
  const now = deps.clock.now();
  const tenant: Tenant = { id: input.id, name: input.name, policy, createdAt: now, updatedAt: now };
  await deps.tenants.create(tenant);
  await recordAudit(deps, { tenantId: tenant.id, type: 'tenant.create', outcome: 'success', actor, subjectId: null }, context);
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
  await recordAudit(deps, { tenantId: updated.id, type: 'tenant.update', outcome: 'success', actor, subjectId: null }, context);
  return updated;
}
