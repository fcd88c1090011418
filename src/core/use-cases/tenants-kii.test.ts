import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { ctx, makePorts, rejection, seedDefaultTenant } from '../testing/fakes.js';
import { KII_SERVICE_USERNAME } from '../tenants/kii-application-input.js';
import { usernameKey } from '../users/user.js';
import { createTenant } from './tenants.js';

const KII = { appId: 'a1b2c3d4', appKey: '0123456789abcdef0123456789abcdef', clientId: 'client-1', clientSecret: 'a-long-client-secret-value' };

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  return ports;
}

describe('createTenant with a Kii binding', () => {
  it('stores the binding with the secret hashed and creates the hidden admin user without a password', async () => {
    const ports = await setup();
    const tenant = await createTenant(ports, OPERATOR, { id: 'kiiapp', name: 'Kii App', kii: KII }, ctx);
    const stored = await ports.tenants.getByKiiAppId('a1b2c3d4');
    expect(stored?.id).toBe('kiiapp');
    expect(stored?.kii).toMatchObject({ appId: KII.appId, appKey: KII.appKey, clientId: KII.clientId });
    expect(stored?.kii?.clientSecretHash).not.toContain(KII.clientSecret);
    expect(await ports.hasher.verify(stored?.kii?.clientSecretHash ?? '', KII.clientSecret)).toBe(true);
    const service = await ports.users.getById('kiiapp', tenant.kii?.serviceUserId ?? '');
    expect(service).toMatchObject({ username: KII_SERVICE_USERNAME, roles: ['admin'], status: 'active' });
    expect(await ports.users.getByUsernameKey('kiiapp', usernameKey(KII_SERVICE_USERNAME))).toBeDefined();
    expect(await ports.credentials.get('kiiapp', service?.id ?? '')).toBeUndefined();
  });

  it('refuses an app id bound to another tenant with Conflict(kii_app_id)', async () => {
    const ports = await setup();
    await createTenant(ports, OPERATOR, { id: 'kiiapp', name: 'Kii App', kii: KII }, ctx);
    expect(await rejection(createTenant(ports, OPERATOR, { id: 'other', name: 'Other', kii: KII }, ctx))).toEqual({ kind: 'Conflict', field: 'kii_app_id' });
    expect(await ports.tenants.get('other')).toBeUndefined();
  });

  it('refuses malformed identifiers and a short secret, all at once, with pointers under /kii', async () => {
    const ports = await setup();
    const detail = await rejection(
      createTenant(ports, OPERATOR, { id: 'kiiapp', name: 'Kii App', kii: { appId: 'bad:id', appKey: 'has space', clientId: '', clientSecret: 'short' } }, ctx),
    );
    expect(detail).toMatchObject({ kind: 'RequestInvalid' });
    if (detail.kind !== 'RequestInvalid') return;
    expect(detail.errors.map((e) => [e.pointer, e.problem])).toEqual([
      ['/kii/appId', 'format'],
      ['/kii/appKey', 'format'],
      ['/kii/clientId', 'format'],
      ['/kii/clientSecret', 'too_short'],
    ]);
    expect(ports.hasher.calls.hash).toBe(0);
  });

  it('a tenant without a binding has none', async () => {
    const ports = await setup();
    const tenant = await createTenant(ports, OPERATOR, { id: 'plain', name: 'Plain' }, ctx);
    expect(tenant.kii).toBeUndefined();
  });
});
