// Three real `passwarden serve` processes on loopback ports sharing one fresh PostgreSQL database (and
// Redis for the per-IP counters when it is up), driven over HTTP with fetch. Proves what one instance
// does is seen by the others on the very next request, and that the races that matter have one winner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createScratchDatabase, REDIS_URL, runCli, servicesFor, startInstance, stopInstance, type Instance, type Reply, type ScratchDatabase } from './cluster.js';

const services = servicesFor('test/multi-instance/three-instances.test.ts');

const ADMIN = { username: 'root-op', password: 'correct horse battery staple for the cluster' };
const TENANT = 'racetrack';
const TENANT_ADMIN = { username: 'track-keeper', password: 'lantern velvet orchard keeper of the gates' };
/** Lets twenty concurrent failures and ten concurrent verifications through without waits. */
const GENEROUS_LOCKOUT = { freeFailures: 50, disableAfterFailures: 1000 };

const statuses = (replies: Reply[]) => replies.map((reply) => reply.status).sort((a, b) => a - b);
const tally = (replies: Reply[]) => {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    const key = `${reply.status} ${String(reply.json.code ?? '')}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe.skipIf(!services.postgres)('three instances on one PostgreSQL', () => {
  let database: ScratchDatabase | undefined;
  let instances: Instance[] = [];
  let env: Record<string, string> = {};
  let adminToken = '';
  let tenantAdminToken = '';
  const at = (index: number): Instance => {
    const instance = instances[index % instances.length];
    if (!instance) throw new Error('no instances');
    return instance;
  };

  beforeAll(async () => {
    database = await createScratchDatabase('pw_mi');
    env = {
      PASSWARDEN_DATABASE_URL: database.url,
      PASSWARDEN_DATABASE_POOL_SIZE: '5',
      ...(services.redis ? { PASSWARDEN_REDIS_URL: REDIS_URL } : {}),
      PASSWARDEN_ADMIN_USERNAME: ADMIN.username,
      PASSWARDEN_ADMIN_PASSWORD: ADMIN.password,
      // The Redis key prefix is fixed, so this limit's counter may be shared with other runs: keep it out of the way.
      PASSWARDEN_IP_LIMIT: '10000000',
      PASSWARDEN_LOG_LEVEL: 'warn',
    };
    // All three start together on an empty database: migrations and the first administrator race too.
    // The CLI creates the second tenant and its first administrator meanwhile, over the same database.
    const startedAt = performance.now();
    const started = Promise.allSettled(['A', 'B', 'C'].map((name) => startInstance(name, env)));
    const cli = (async () => {
      const tenant = await runCli(['tenants', 'create', TENANT, '--name', 'Race track'], env);
      if (tenant.code !== 0) throw new Error(`tenants create failed:\n${tenant.output}`);
      const admin = await runCli(['users', 'create', TENANT_ADMIN.username, '--tenant', TENANT, '--role', 'admin', '--permanent'], env, `${TENANT_ADMIN.password}\n`);
      if (admin.code !== 0) throw new Error(`users create failed:\n${admin.output}`);
    })();
    const [results, cliFailure] = await Promise.all([started, cli.then(() => null, (error: unknown) => error)]);
    process.stderr.write(`[three-instances] start-up (three instances and the CLI) took ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`);
    instances = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    if (cliFailure !== null) throw cliFailure;

    const admin = await api(at(0).base, 'POST', '/v1/sessions', ADMIN);
    expect(admin.status).toBe(201);
    adminToken = admin.json.token as string;
    const policy = await api(at(1).base, 'PATCH', `/v1/tenants/${TENANT}`, { policy: { lockout: GENEROUS_LOCKOUT } }, adminToken);
    expect(policy.status, JSON.stringify(policy.json)).toBe(200);
    const tenantAdmin = await api(at(2).base, 'POST', '/v1/sessions', { ...TENANT_ADMIN, tenant: TENANT });
    expect(tenantAdmin.status, JSON.stringify(tenantAdmin.json)).toBe(201);
    tenantAdminToken = tenantAdmin.json.token as string;
  }, 240_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => stopInstance(instance)));
    await database?.drop();
  }, 60_000);

  async function createUser(instance: Instance, token: string, username: string, password: string): Promise<string> {
    const created = await api(instance.base, 'POST', '/v1/users', { username, password, temporary: false }, token);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    return created.json.id as string;
  }

  /** The stored credential's version, which moves by one on every committed change. */
  async function credentialVersion(username: string): Promise<number> {
    const rows = await database!.query<{ version: string | number }>(
      'select c.version from password_credentials c join users u on u.tenant_id = c.tenant_id and u.id = c.user_id where u.tenant_id = $1 and u.username_key = $2',
      [TENANT, username],
    );
    expect(rows).toHaveLength(1);
    return Number(rows[0]!.version);
  }

  async function logIn(instance: Instance, username: string, password: string, tenant?: string): Promise<string> {
    const session = await api(instance.base, 'POST', '/v1/sessions', { username, password, ...(tenant ? { tenant } : {}) });
    expect(session.status, JSON.stringify(session.json)).toBe(201);
    return session.json.token as string;
  }

  it('a password changed or sessions revoked through one instance are refused by the others on the very next request', async () => {
    const first = 'amber quartz meadow sings at dawn';
    const second = 'cobalt willow river hums at dusk';
    const userId = await createUser(at(0), adminToken, 'revocable', first);

    const onA = await logIn(at(0), 'revocable', first);
    const onB = await logIn(at(1), 'revocable', first);
    for (const index of [0, 1, 2]) expect((await api(at(index).base, 'GET', '/v1/me', undefined, onA)).status).toBe(200);

    // Change through B: B's session is replaced; A's session is refused on C, then on A, at once.
    const changed = await api(at(1).base, 'PUT', '/v1/me/password', { currentPassword: first, newPassword: second }, onB);
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    const replaced = changed.json.token as string;
    expect((await api(at(2).base, 'GET', '/v1/me', undefined, onA)).json.code).toBe('unauthenticated');
    expect((await api(at(0).base, 'GET', '/v1/me', undefined, onA)).status).toBe(401);
    expect((await api(at(2).base, 'GET', '/v1/me', undefined, onB)).status).toBe(401);
    expect((await api(at(0).base, 'GET', '/v1/me', undefined, replaced)).status).toBe(200);
    // The old password is refused everywhere, the new one accepted everywhere.
    for (const index of [0, 2]) expect((await api(at(index).base, 'POST', '/v1/sessions', { username: 'revocable', password: first })).status).toBe(401);
    const again = await logIn(at(0), 'revocable', second);

    // An administrator revokes every session through C: A and B refuse both tokens on the next request.
    expect((await api(at(2).base, 'DELETE', `/v1/users/${userId}/sessions`, undefined, adminToken)).status).toBe(204);
    for (const token of [again, replaced]) {
      expect((await api(at(0).base, 'GET', '/v1/me', undefined, token)).status).toBe(401);
      expect((await api(at(1).base, 'GET', '/v1/me', undefined, token)).status).toBe(401);
    }
  });

  it('twenty concurrent wrong current passwords spread over the three instances are all counted', async () => {
    const password = 'granite falcon drifts over still water';
    await createUser(at(0), tenantAdminToken, 'counted', password);
    const token = await logIn(at(1), 'counted', password, TENANT);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(at(i).base, 'PUT', '/v1/me/password', { currentPassword: `not the password, guess ${i}`, newPassword: 'silver harbor beacon glows all night' }, token),
      ),
    );
    expect(tally(replies)).toEqual({ '403 invalid_current_password': 20 });
    const rows = await database!.query<{ failures: string | number }>('select failures from attempt_throttle where tenant_id = $1 and throttle_key = $2', [TENANT, 'counted']);
    expect(rows.map((row) => Number(row.failures))).toEqual([20]);
  });

  it('log-ins that succeed while others fail on the same account, across instances, all get a proper answer', async () => {
    // A success clears the shared counter while failures on other instances are counting on it.
    const password = 'maple comet trails through the dark sky';
    await createUser(at(0), tenantAdminToken, 'mixed', password);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api(at(i).base, 'POST', '/v1/sessions', { username: 'mixed', password: i % 3 === 0 ? password : `wrong guess ${i}`, tenant: TENANT }),
      ),
    );
    const logs = () => instances.map((instance) => `--- ${instance.name}\n${instance.output()}`).join('\n');
    expect(tally(replies), logs()).toEqual({ '201': 10, '401 invalid_credentials': 20 });
  });

  it('ten concurrent changes with the same correct current password: exactly one succeeds', async () => {
    const current = 'obsidian heron waits beside the pier';
    await createUser(at(0), tenantAdminToken, 'contested', current);
    const token = await logIn(at(2), 'contested', current, TENANT);
    const before = await credentialVersion('contested');
    const candidates = Array.from({ length: 10 }, (_, i) => `crimson kettle number ${i} whistles softly`);
    const replies = await Promise.all(
      candidates.map((newPassword, i) => api(at(i).base, 'PUT', '/v1/me/password', { currentPassword: current, newPassword }, token)),
    );
    process.stderr.write(`[three-instances] ten concurrent changes: ${JSON.stringify(tally(replies))}\n`);
    const winners = replies.flatMap((reply, i) => (reply.status === 200 ? [i] : []));
    expect(winners, JSON.stringify(tally(replies))).toHaveLength(1);
    // The losers lost the compare-and-set (409), or arrived after the winner had revoked the shared
    // session (401) or replaced the hash they verify against (403). None of them changed anything.
    const logs = () => instances.map((instance) => `--- ${instance.name}\n${instance.output()}`).join('\n');
    for (const reply of replies) if (reply.status !== 200) expect([401, 403, 409], `${JSON.stringify(reply.json)}\n${logs()}`).toContain(reply.status);
    expect(replies.filter((reply) => reply.status === 409).length, JSON.stringify(tally(replies))).toBeGreaterThan(0);

    const winner = winners[0]!;
    for (const [i, candidate] of candidates.entries()) {
      if (i === winner) continue;
      expect((await api(at(i).base, 'POST', '/v1/sessions', { username: 'contested', password: candidate, tenant: TENANT })).status).toBe(401);
    }
    expect((await api(at(0).base, 'POST', '/v1/sessions', { username: 'contested', password: current, tenant: TENANT })).status).toBe(401);
    for (const index of [0, 1, 2]) await logIn(at(index), 'contested', candidates[winner]!, TENANT);
    expect(await credentialVersion('contested')).toBe(before + 1);
  });

  it('two concurrent creations of the same username on two instances produce exactly one user', async () => {
    for (let round = 0; round < 5; round += 1) {
      const username = `twin-${round}`;
      const replies = await Promise.all(
        [round, round + 1].map((index) => api(at(index).base, 'POST', '/v1/users', { username, password: `tidal orchid ${round} blooms in winter light`, temporary: false }, adminToken)),
      );
      expect(statuses(replies), JSON.stringify(tally(replies))).toEqual([201, 409]);
      expect(replies.find((reply) => reply.status === 409)?.json.code).toBe('conflict');
      const listed = await api(at(round + 2).base, 'GET', `/v1/users?q=${username}&limit=50`, undefined, adminToken);
      expect(listed.status).toBe(200);
      const items = listed.json.items as { username: string }[];
      expect(items.filter((item) => item.username === username)).toHaveLength(1);
    }
  });
});
