import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { auditEvents, ctx, makePorts, rejection, seedDefaultTenant } from '../testing/fakes.js';
import { authenticate } from './authenticate.js';
import { authenticateKiiClient } from './authenticate-kii-client.js';
import { createTenant } from './tenants.js';

const KII = { appId: 'a1b2c3d4', appKey: 'appkey-0001', clientId: 'client-1', clientSecret: 'a-long-client-secret-value' };
const kiiCtx = { ...ctx, dialect: 'kii' };

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  const tenant = await createTenant(ports, OPERATOR, { id: 'kiiapp', name: 'Kii App', kii: KII }, ctx);
  ports.hasher.resetCalls();
  return { ports, serviceUserId: tenant.kii?.serviceUserId ?? '' };
}

describe('authenticateKiiClient', () => {
  it('issues an admin session for the hidden service user, with origin kii, audited', async () => {
    const { ports, serviceUserId } = await setup();
    const issued = await authenticateKiiClient(ports, { appId: KII.appId, clientId: KII.clientId, clientSecret: KII.clientSecret }, kiiCtx);
    expect(issued.userId).toBe(serviceUserId);
    const actor = await authenticate(ports, issued.token);
    expect(actor).toMatchObject({ tenantId: 'kiiapp', userId: serviceUserId, roles: ['admin'], sessionOrigin: 'kii', passwordChangeOnly: false });
    expect((await auditEvents(ports, 'kiiapp')).at(-1)).toMatchObject({ type: 'login', outcome: 'success', subjectId: serviceUserId, reason: 'client_credentials', dialect: 'kii' });
  });

  it.each([
    { name: 'wrong secret', clientId: KII.clientId, clientSecret: 'not-the-right-secret' },
    { name: 'unknown client id', clientId: 'client-2', clientSecret: KII.clientSecret },
  ])('refuses a $name with InvalidCredentials after the same hashing work', async ({ clientId, clientSecret }) => {
    const { ports } = await setup();
    expect(await rejection(authenticateKiiClient(ports, { appId: KII.appId, clientId, clientSecret }, kiiCtx))).toEqual({ kind: 'InvalidCredentials' });
    expect(ports.hasher.verifications()).toBe(1);
  });

  it('throttles repeated failures under the client key, and never disables the secret', async () => {
    const { ports } = await setup();
    for (let i = 0; i < 6; i += 1) {
      await rejection(authenticateKiiClient(ports, { appId: KII.appId, clientId: KII.clientId, clientSecret: 'wrong-secret-wrong' }, kiiCtx));
    }
    expect(await rejection(authenticateKiiClient(ports, { appId: KII.appId, clientId: KII.clientId, clientSecret: 'wrong-secret-wrong' }, kiiCtx))).toMatchObject({ kind: 'RateLimited' });
    expect(await rejection(authenticateKiiClient(ports, { appId: KII.appId, clientId: KII.clientId, clientSecret: KII.clientSecret }, kiiCtx))).toMatchObject({ kind: 'RateLimited' });
    expect(await ports.throttle.get('kiiapp', '$client:client-1')).toMatchObject({ failures: 6 });
  });

  it('answers NotFound(tenant) for an unknown app id', async () => {
    const { ports } = await setup();
    expect(await rejection(authenticateKiiClient(ports, { appId: 'nope', clientId: KII.clientId, clientSecret: KII.clientSecret }, kiiCtx))).toEqual({ kind: 'NotFound', resource: 'tenant' });
  });
});
