import { newUser } from '../users/new-user.js';
import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import { isDomainError, requestInvalid, type DomainErrorDetail, type FieldError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { Tenant } from '../tenants/tenant.js';
import { displayNameErrors, emailErrors, usernameErrors } from '../users/user-input.js';
import { ROLES, USER_STATUSES, usernameKey, type Role, type UserStatus } from '../users/user.js';
import { requireAcceptablePassword } from './steps/assess-new-password.js';
import { loadTenant } from './steps/load-tenant.js';

/** Most rows one call takes; larger imports are split by the caller (the CLI does, in order). */
export const MAX_IMPORT_ROWS = 1000;

/** Longest stored hash looked at; the hasher's own bound is the same (docs/hash-formats.md). */
const MAX_HASH_LENGTH = 4096;

export type ImportUsersDeps = Pick<Ports, 'tenants' | 'users' | 'audit' | 'hasher' | 'tokens' | 'clock'> &
  Parameters<typeof requireAcceptablePassword>[0];

/**
 * One user to import, as a converter or a request produced it: untrusted, validated here. Roles and
 * status are plain strings so every check, and its per-row error, lives in one place.
 */
export interface ImportUserRow {
  username: string;
  email?: string | null | undefined;
  displayName?: string | null | undefined;
  /** Default: member. */
  roles?: readonly string[] | undefined;
  /** Default: active. */
  status?: string | undefined;
  /** A stored hash from another product; must be one the hasher understands, within its bounds. */
  passwordHash?: string | undefined;
  /** Plaintext; the tenant's policy applies, then it is hashed. Not together with passwordHash. */
  password?: string | undefined;
  /** Whether the password must be changed at the first log-in. Default false: it is the user's own. */
  temporary?: boolean | undefined;
}

export interface ImportUsersInput {
  tenantId: string;
  rows: readonly ImportUserRow[];
  /** Index reported for rows[0], for callers that import one file in several calls. Default 0. */
  firstIndex?: number | undefined;
}

/** Never carries a password or a hash. */
export type ImportRowResult =
  | { index: number; username: string; status: 'created'; userId: string }
  /** The username already exists in the tenant: left untouched, so a re-run is harmless. */
  | { index: number; username: string; status: 'skipped'; userId: string; reason: 'exists' }
  | { index: number; username: string; status: 'failed'; error: DomainErrorDetail };

export interface ImportUsersResult {
  results: ImportRowResult[];
  created: number;
  skipped: number;
  failed: number;
}

const field = (pointer: string, detail: string, problem: FieldError['problem'] = 'format'): FieldError => ({ pointer, problem, detail });

function rowErrors(row: ImportUserRow, hasher: ImportUsersDeps['hasher']): FieldError[] {
  const errors = [...emailErrors(row.email), ...displayNameErrors(row.displayName)];
  for (const role of row.roles ?? []) {
    if (!(ROLES as readonly string[]).includes(role)) errors.push(field('/roles', `unknown role "${role.slice(0, 32)}"; roles are ${ROLES.join(', ')}`));
  }
  if (row.status !== undefined && !(USER_STATUSES as readonly string[]).includes(row.status)) errors.push(field('/status', `must be ${USER_STATUSES.join(' or ')}`));
  if (row.password !== undefined && row.passwordHash !== undefined) errors.push(field('/passwordHash', 'give either password or passwordHash, not both'));
  else if (row.passwordHash !== undefined) {
    // Checked before storing: an unknown format, or one asking for more work than the verifiers allow,
    // would otherwise sit in the store and fail (or cost) every log-in.
    if (row.passwordHash.length > MAX_HASH_LENGTH || !hasher.understands(row.passwordHash)) {
      errors.push(field('/passwordHash', 'not a supported hash format, or its parameters are beyond the accepted bounds'));
    }
  }
  return errors;
}

async function importRow(deps: ImportUsersDeps, actor: Actor, tenant: Tenant, row: ImportUserRow, index: number, context: RequestContext): Promise<ImportRowResult> {
  const username = typeof row.username === 'string' ? row.username.normalize('NFC') : '';
  const fail = (error: DomainErrorDetail): ImportRowResult => ({ index, username, status: 'failed', error });

  const nameErrors = usernameErrors(username);
  if (nameErrors.length > 0) return fail(requestInvalid(nameErrors).detail);
  const existing = await deps.users.getByUsernameKey(tenant.id, usernameKey(username));
  if (existing) return { index, username, status: 'skipped', userId: existing.id, reason: 'exists' };

  const errors = rowErrors(row, deps.hasher);
  if (errors.length > 0) return fail(requestInvalid(errors).detail);

  const now = deps.clock.now();
  const user = newUser({
    id: deps.tokens.newId(),
    tenantId: tenant.id,
    username,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles as Role[] | undefined,
    status: row.status as UserStatus | undefined,
    now,
  });
  try {
    let hash = row.passwordHash;
    if (row.password !== undefined) hash = await deps.hasher.hash(await requireAcceptablePassword(deps, tenant, user, row.password));
    const credential: PasswordCredential | null =
      hash === undefined ? null : { userId: user.id, tenantId: tenant.id, hash, temporary: row.temporary ?? false, changedAt: now, disabledAt: null, expiredAt: null, version: 1 };
    await deps.users.create(user, credential);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // Created by someone else since the check above: the same outcome as a re-run.
    if (error.detail.kind === 'Conflict' && error.detail.field === 'username') {
      const winner = await deps.users.getByUsernameKey(tenant.id, user.usernameKey);
      if (winner) return { index, username, status: 'skipped', userId: winner.id, reason: 'exists' };
    }
    return fail(error.detail);
  }
  await recordAudit(deps, { tenantId: tenant.id, type: 'user.create', outcome: 'success', actor, subjectId: user.id, reason: 'import' }, context);
  return { index, username, status: 'created', userId: user.id };
}

/**
 * Creates users exported from another product, each with its stored hash (verified at log-in by the
 * matching legacy verifier, then rehashed) or a plaintext password (the policy applies). Per row:
 * created, skipped (the username exists: nothing is changed, so re-running an import is safe) or
 * failed with the reason. Each user is written together with its credential or not at all.
 * Rows run one after another, so plaintext rows take one hashing slot at a time.
 * Errors that are not DomainErrors (the store is down) stop the import; rows done so far stay done.
 */
export async function importUsers(deps: ImportUsersDeps, actor: Actor, input: ImportUsersInput, context: RequestContext): Promise<ImportUsersResult> {
  requireAdmin(actor, input.tenantId);
  if (input.rows.length > MAX_IMPORT_ROWS) throw requestInvalid([field('/users', `at most ${MAX_IMPORT_ROWS} rows per call`, 'too_long')]);
  const tenant = await loadTenant(deps, input.tenantId);
  const first = input.firstIndex ?? 0;
  const results: ImportRowResult[] = [];
  for (const [offset, row] of input.rows.entries()) {
    results.push(await importRow(deps, actor, tenant, row, first + offset, context));
  }
  const count = (status: ImportRowResult['status']) => results.filter((result) => result.status === status).length;
  return { results, created: count('created'), skipped: count('skipped'), failed: count('failed') };
}
