/**
 * Fast, deterministic fakes of the non-storage ports for core tests, and `makePorts`, which wires them
 * over the in-memory store and a fixed clock. Nothing here is secure; it never leaves tests.
 */
import type { AuditEvent, RequestContext } from '../audit/audit-event.js';
import { isDomainError, type DomainErrorDetail } from '../errors.js';
import { OPERATOR, type UserActor } from '../authorization/actor.js';
import { DEFAULT_PASSWORD_POLICY, mergePolicy, type PartialPolicy } from '../credentials/password-policy.js';
import type { BreachedPasswordChecker } from '../ports/breached-password-checker.js';
import type { CommonPasswordList } from '../ports/common-password-list.js';
import type { Ports, ServiceSettings } from '../ports/index.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { SecretTokens } from '../ports/secret-tokens.js';
import type { Store } from '../ports/store.js';
import type { StrengthEstimate, StrengthEstimator } from '../ports/strength-estimator.js';
import { DEFAULT_TENANT_ID, type Tenant } from '../tenants/tenant.js';
import type { Role } from '../users/user.js';
import type { UserView } from '../users/user-view.js';
import { authenticate } from '../use-cases/authenticate.js';
import { createUser } from '../use-cases/create-user.js';
import { signIn } from '../use-cases/sign-in.js';
import { createFixedClock, type FixedClock } from './fixed-clock.js';
import { createMemoryStore } from './memory-store.js';

// ---------------------------------------------------------------------------------------------------
// Hasher

export interface FakeHasherCalls {
  hash: number;
  verify: number;
  verifyDummy: number;
}

export interface FakeHasher extends PasswordHasher {
  /** The parameter tag written into new hashes; `isCurrent` is true for hashes carrying it. */
  params: string;
  readonly calls: FakeHasherCalls;
  /** verify + verifyDummy: the work that must be the same whether or not the user exists. */
  verifications(): number;
  /** Code points of the longest password any method was given (to prove oversized input never reaches it). */
  longestInput(): number;
  resetCalls(): void;
}

/** Reversible, non-cryptographic encoding: code points in hex. Never the password verbatim. */
function encode(password: string): string {
  return Array.from(password, (char) => (char.codePointAt(0) ?? 0).toString(16)).join('.');
}

/** hash = "fake$<params>$<hex code points>"; verify compares the encoding; no salt, no cost. */
export function createFakeHasher(params = 'v1'): FakeHasher {
  const calls: FakeHasherCalls = { hash: 0, verify: 0, verifyDummy: 0 };
  let longest = 0;
  const saw = (password: string) => {
    longest = Math.max(longest, Array.from(password).length);
  };
  const hasher: FakeHasher = {
    params,
    calls,
    async hash(password) {
      calls.hash += 1;
      saw(password);
      return `fake$${hasher.params}$${encode(password)}`;
    },
    async verify(storedHash, password) {
      calls.verify += 1;
      saw(password);
      const parts = storedHash.split('$');
      if (parts.length !== 3 || parts[0] !== 'fake') return false;
      return parts[2] === encode(password);
    },
    isCurrent(storedHash) {
      return storedHash.startsWith(`fake$${hasher.params}$`);
    },
    // Any fake hash whose parameter tag is short lower-case alphanumerics; anything else is "unknown".
    understands: (storedHash) => /^fake\$[a-z0-9]{1,16}\$[0-9a-f.]+$/.test(storedHash),
    async verifyDummy(password) {
      calls.verifyDummy += 1;
      saw(password);
    },
    verifications: () => calls.verify + calls.verifyDummy,
    longestInput: () => longest,
    resetCalls() {
      calls.hash = 0;
      calls.verify = 0;
      calls.verifyDummy = 0;
      longest = 0;
    },
  };
  return hasher;
}

// ---------------------------------------------------------------------------------------------------
// Tokens

/** Sequential ids and tokens; digest = "d:" + token, so tests can tell a stored digest from a token. */
export function createFakeTokens(): SecretTokens {
  let tokens = 0;
  let ids = 0;
  let passwords = 0;
  const pad = (n: number) => String(n).padStart(4, '0');
  return {
    newToken: () => `tok-${pad(++tokens)}`,
    digest: (token) => `d:${token}`,
    newId: () => `id-${pad(++ids)}`,
    // Long enough for the default policy and free of every context word the tests use.
    newPassword: () => `Generated-Pw-${pad(++passwords)}-kqzx-wvmj`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Rate limiter

export interface FakeRateLimiter extends RateLimiter {
  /** Keys consumed, in order. */
  readonly consumed: string[];
  /** Refuse every later call with this wait, until `allowAll()`. */
  refuseAll(retryAfterSeconds: number): void;
  /** Refuse only the next call. */
  refuseNext(retryAfterSeconds: number): void;
  allowAll(): void;
}

export function createFakeRateLimiter(): FakeRateLimiter {
  const consumed: string[] = [];
  let always: number | null = null;
  let once: number | null = null;
  return {
    consumed,
    async consume(key) {
      consumed.push(key);
      if (once !== null) {
        const retryAfterSeconds = once;
        once = null;
        return { allowed: false, retryAfterSeconds };
      }
      if (always !== null) return { allowed: false, retryAfterSeconds: always };
      return { allowed: true };
    },
    refuseAll(retryAfterSeconds) {
      always = retryAfterSeconds;
    },
    refuseNext(retryAfterSeconds) {
      once = retryAfterSeconds;
    },
    allowAll() {
      always = null;
      once = null;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Common passwords

export const TEST_COMMON_PASSWORDS = ['password1234567', '123456789012345', 'qwertyuiopasdfgh', 'correct horse battery staple'];

export function createCommonPasswordList(entries: readonly string[] = TEST_COMMON_PASSWORDS): CommonPasswordList {
  const set = new Set(entries.map((entry) => entry.normalize('NFC').toLowerCase()));
  return { contains: (candidate) => set.has(candidate), size: set.size };
}

// ---------------------------------------------------------------------------------------------------
// Strength estimator

export interface FakeStrengthEstimator extends StrengthEstimator {
  /** Every call's arguments, in order. */
  readonly calls: Array<{ password: string; userInputs: string[] }>;
}

/** Score = one point per 4 code points, at most 4; a password containing a user input scores 0. */
export function createFakeStrengthEstimator(): FakeStrengthEstimator {
  const calls: FakeStrengthEstimator['calls'] = [];
  return {
    calls,
    async estimate(password, userInputs) {
      calls.push({ password, userInputs: [...userInputs] });
      const lower = password.toLowerCase();
      const personal = userInputs.some((word) => word.length > 0 && lower.includes(word.toLowerCase()));
      const score = (personal ? 0 : Math.min(4, Math.floor(Array.from(password).length / 4))) as StrengthEstimate['score'];
      return { score, feedback: score >= 3 ? [] : ['Add another word or two.'] };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Breach checker

export interface FakeBreachChecker extends BreachedPasswordChecker {
  /** Every password asked about, in order. */
  readonly calls: string[];
  /** While true, every call rejects as an unreachable source does. */
  failing: boolean;
}

/** Scripted: the given passwords are breached, nothing else; rejects with an ordinary Error while `failing`. */
export function createFakeBreachChecker(breached: readonly string[] = []): FakeBreachChecker {
  const set = new Set(breached);
  const fake: FakeBreachChecker = {
    calls: [],
    failing: false,
    async isBreached(password) {
      fake.calls.push(password);
      if (fake.failing) throw new Error('breach source unreachable');
      return set.has(password);
    },
  };
  return fake;
}

// ---------------------------------------------------------------------------------------------------
// Ports

export const TEST_SETTINGS: ServiceSettings = Object.freeze({
  session: Object.freeze({ ttlSeconds: 3600 * 8, idleSeconds: 1800 }),
  productName: 'passwarden',
  maxLiveSessionsPerUser: 100,
  breachFailOpen: false,
});

/** A request from somewhere, as a dialect would describe it. */
export const ctx: RequestContext = Object.freeze({ ip: '203.0.113.7', userAgent: 'vitest', requestId: 'req-test', dialect: 'native' });

export interface TestPorts extends Ports {
  hasher: FakeHasher;
  ipLimiter: FakeRateLimiter;
  clock: FixedClock;
  strength: FakeStrengthEstimator;
  store: Store;
}

export function makePorts(overrides: Partial<TestPorts> = {}): TestPorts {
  const store = overrides.store ?? createMemoryStore();
  return {
    tenants: store.tenants,
    users: store.users,
    credentials: store.credentials,
    sessions: store.sessions,
    throttle: store.throttle,
    audit: store.audit,
    store,
    hasher: createFakeHasher(),
    tokens: createFakeTokens(),
    clock: createFixedClock(new Date('2026-01-01T00:00:00Z')),
    ipLimiter: createFakeRateLimiter(),
    commonPasswords: createCommonPasswordList(),
    strength: createFakeStrengthEstimator(),
    breach: null,
    settings: TEST_SETTINGS,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------
// Seeding

export async function seedTenant(
  ports: Pick<Ports, 'tenants' | 'clock'>,
  tenant: { id?: string; name?: string; policy?: PartialPolicy } = {},
): Promise<Tenant> {
  const now = ports.clock.now();
  const created: Tenant = {
    id: tenant.id ?? DEFAULT_TENANT_ID,
    name: tenant.name ?? 'Default',
    policy: mergePolicy(DEFAULT_PASSWORD_POLICY, tenant.policy),
    createdAt: now,
    updatedAt: now,
  };
  await ports.tenants.create(created);
  return created;
}

/** The default tenant with the default policy. */
export function seedDefaultTenant(ports: Pick<Ports, 'tenants' | 'clock'>): Promise<Tenant> {
  return seedTenant(ports);
}

export interface SeedUser {
  tenantId?: string;
  username: string;
  /** Omit for a user without a password. */
  password?: string;
  email?: string | null;
  displayName?: string | null;
  roles?: Role[];
  /** Default false here: seeded users can log in normally. */
  temporary?: boolean;
}

/** Creates a user through the createUser use case, as the operator. */
export function seedUser(ports: Ports, user: SeedUser): Promise<UserView> {
  return createUser(
    ports,
    OPERATOR,
    {
      tenantId: user.tenantId ?? DEFAULT_TENANT_ID,
      username: user.username,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      password: user.password,
      temporary: user.temporary ?? false,
    },
    ctx,
  );
}

/** Logs in and resolves the token to the acting user, as a dialect would on the next request. */
export async function signInAs(
  ports: Ports,
  username: string,
  password: string,
  tenantId: string = DEFAULT_TENANT_ID,
): Promise<{ actor: UserActor; token: string }> {
  const { token } = await signIn(ports, { tenantId, username, password }, ctx);
  return { actor: await authenticate(ports, token), token };
}

/** Passwords that pass the default policy with the test context words. */
export const PASSWORDS = Object.freeze({
  alice: 'tangerine-orbit-lantern',
  alice2: 'velvet-harbour-compass',
  alice3: 'silent-meadow-quartz',
  admin: 'granite-willow-ember-42',
  other: 'copper-thistle-nebula',
});

// ---------------------------------------------------------------------------------------------------
// Assertions' helpers

/** The detail of the DomainError a promise rejects with; fails if it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<DomainErrorDetail> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.detail;
    throw error;
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

/** Moves the fixed clock forward. */
export function advance(ports: { clock: FixedClock }, seconds: number): void {
  ports.clock.advance(seconds * 1000);
}

/** Every audit event of a tenant, oldest first. */
export async function auditEvents(ports: Pick<Ports, 'audit'>, tenantId: string = DEFAULT_TENANT_ID): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await ports.audit.list(tenantId, { limit: 100, cursor });
    items.push(...page.items);
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return items.reverse();
}
