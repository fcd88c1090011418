import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Clock } from '../../../core/ports/clock.js';
import type { PasswordHasher } from '../../../core/ports/password-hasher.js';
import { issueSession } from '../../../core/sessions/issue-session.js';
import { DEFAULT_TENANT_ID } from '../../../core/tenants/tenant.js';
import type { Role } from '../../../core/users/user.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, createDefaultTestHasher, createTestApp, createUserVia, type TestApp } from '../../../../test/support/test-app.js';
import type { Caller, DialectDriver } from './dialect-driver.js';
import { bindDefaultTenantToKii } from './drivers/kii.js';
import { nativeDriver } from './drivers/native.js';

/** The password every fixture user starts with, and the one successful changes set. */
export const OLD_PASSWORD = 'tangerine orbit quietly folds';
export const NEW_PASSWORD = 'a completely fresh passphrase';

export class ManualClock implements Clock {
  private current = new Date('2026-03-01T09:00:00Z');
  now = () => new Date(this.current);
  advance(seconds: number) {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

/** The real hasher, with a switch that parks every call until released (to fill the hashing gate on cue). */
class HoldableHasher implements PasswordHasher {
  private parked: Promise<void> | null = null;
  private releaseParked: () => void = () => undefined;
  private onEnter: () => void = () => undefined;

  constructor(readonly inner: PasswordHasher) {}

  /** Parks the next calls; resolves once one of them has entered. */
  hold(): Promise<void> {
    this.parked = new Promise((resolve) => (this.releaseParked = resolve));
    return new Promise((resolve) => (this.onEnter = resolve));
  }

  release() {
    this.parked = null;
    this.releaseParked();
  }

  private async wait() {
    if (!this.parked) return;
    this.onEnter();
    await this.parked;
  }

  hash = async (password: string) => (await this.wait(), this.inner.hash(password));
  verify = async (storedHash: string, password: string) => (await this.wait(), this.inner.verify(storedHash, password));
  verifyDummy = async (password: string) => (await this.wait(), this.inner.verifyDummy(password));
  isCurrent = (storedHash: string) => this.inner.isCurrent(storedHash);
  understands = (storedHash: string) => this.inner.understands(storedHash);
}

export interface FixtureUser {
  id: string;
  username: string;
  /** Null: created without a password. */
  password: string | null;
}

/** An audit event as the native API lists it. */
export type AuditItem = Record<string, unknown> & { type: string; requestId: string | null; dialect: string | null };

export interface AppOptions {
  /** Hashing gate size; the default (2 in flight, 256 queued) never refuses a sequential test. */
  maxInFlight?: number;
  maxQueued?: number;
}

/** Fixture users are named in order of creation, so expected bodies can name them. */
export const USER_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'] as const;

/** One built app with a manual clock, and the helpers scenarios set themselves up with. */
export class Harness {
  private adminToken: string | null = null;
  private created = 0;
  private background: Promise<unknown> | null = null;

  private constructor(
    readonly t: TestApp,
    readonly clock: ManualClock,
    private readonly hasher: HoldableHasher,
  ) {}

  static async create(options: AppOptions = {}): Promise<Harness> {
    const clock = new ManualClock();
    const hasher = new HoldableHasher(createDefaultTestHasher());
    const t = await createTestApp({ clock, hasher, ...options });
    await bindDefaultTenantToKii(t.ports);
    return new Harness(t, clock, hasher);
  }

  get app(): FastifyInstance {
    return this.t.app;
  }

  close() {
    return this.t.close();
  }

  private async nativeAdmin(): Promise<string> {
    this.adminToken ??= await nativeDriver.logIn(this.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    return this.adminToken;
  }

  /** A fresh user, named after the ones before it: alice, then bob, … */
  async user(options: { password?: string | null; roles?: Role[] } = {}): Promise<FixtureUser> {
    const username = USER_NAMES[this.created];
    if (username === undefined) throw new Error('out of fixture user names');
    this.created += 1;
    const password = options.password === undefined ? OLD_PASSWORD : options.password;
    const { id } = await createUserVia(this.app, await this.nativeAdmin(), {
      username,
      ...(password === null ? {} : { password }),
      ...(options.roles ? { roles: options.roles } : {}),
    });
    return { id, username, password };
  }

  /** The user, logged in the way the driver's client logs in. */
  async caller(driver: DialectDriver, user: FixtureUser): Promise<Caller> {
    if (user.password === null) return { username: user.username, token: await this.sessionWithoutPassword(user) };
    return { username: user.username, token: await driver.logIn(this.app, user.username, user.password) };
  }

  /** The bootstrap administrator, logged in through the driver. */
  async admin(driver: DialectDriver): Promise<Caller> {
    return { username: ADMIN_USERNAME, token: await driver.logIn(this.app, ADMIN_USERNAME, ADMIN_PASSWORD) };
  }

  /** No dialect can log in a user without a password: such a session is issued directly, as an SSO front end would. */
  private async sessionWithoutPassword(user: FixtureUser): Promise<string> {
    const { ports } = this.t;
    const issued = issueSession(ports, { tenantId: DEFAULT_TENANT_ID, userId: user.id, authenticatedAt: ports.clock.now(), passwordChangeOnly: false, origin: 'native' });
    await ports.sessions.create(issued.session);
    return issued.token;
  }

  /** Moves time on; the cached administrator session may not survive it. */
  advance(seconds: number) {
    this.clock.advance(seconds);
    this.adminToken = null;
  }

  /** Six failed native log-ins: the account is now waiting (five free failures, then 30 s). */
  async lock(user: FixtureUser) {
    for (let i = 0; i < 6; i += 1) {
      const response = await this.app.inject(nativeDriver.authenticate(user.username, `wrong guess number ${i}`));
      if (response.statusCode !== 401) throw new Error(`expected 401 while locking, got ${response.statusCode}`);
    }
  }

  /** Parks one hashing request inside the gate, so the next one is refused when the gate holds one. */
  async occupyHashing() {
    const entered = this.hasher.hold();
    this.background = this.app.inject(nativeDriver.authenticate('someone-parked', 'a password being verified'));
    await entered;
  }

  async releaseHashing() {
    this.hasher.release();
    await this.background;
    this.background = null;
  }

  /** Whether the stored credential matches, checked in the store (no lockout counter, no gate). */
  async passwordIs(user: FixtureUser, password: string): Promise<boolean> {
    const credential = await this.t.ports.credentials.get(DEFAULT_TENANT_ID, user.id);
    return credential !== undefined && (await this.hasher.inner.verify(credential.hash, password));
  }

  /** The user's audit trail, newest first, read through the native API as the administrator. */
  async auditOf(user: FixtureUser): Promise<AuditItem[]> {
    const response = await this.inject({ url: `/v1/audit-events?userId=${user.id}&limit=200`, headers: { authorization: `Bearer ${await this.nativeAdmin()}` } });
    if (response.statusCode !== 200) throw new Error(`audit read failed: ${response.statusCode} ${response.body}`);
    return (response.json() as { items: AuditItem[] }).items;
  }

  inject(options: InjectOptions) {
    return this.app.inject(options);
  }
}
