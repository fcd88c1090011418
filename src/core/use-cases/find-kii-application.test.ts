import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { constantTimeEquals } from '../tenants/kii-application-input.js';
import { ctx, makePorts, rejection, seedDefaultTenant } from '../testing/fakes.js';
import { findKiiApplication } from './find-kii-application.js';
import { createTenant } from './tenants.js';

const KII = { appId: 'a1b2c3d4', appKey: 'appkey-0001', clientId: 'client-1', clientSecret: 'a-long-client-secret-value' };

describe('findKiiApplication', () => {
  it('finds the tenant by app id, checking the key when one is given', async () => {
    const ports = makePorts();
    await seedDefaultTenant(ports);
    await createTenant(ports, OPERATOR, { id: 'kiiapp', name: 'Kii App', kii: KII }, ctx);
    expect((await findKiiApplication(ports, KII.appId, KII.appKey)).id).toBe('kiiapp');
    expect((await findKiiApplication(ports, KII.appId, null)).kii.clientId).toBe('client-1');
    expect(await rejection(findKiiApplication(ports, KII.appId, 'appkey-0002'))).toEqual({ kind: 'NotFound', resource: 'tenant' });
    expect(await rejection(findKiiApplication(ports, 'unknown', KII.appKey))).toEqual({ kind: 'NotFound', resource: 'tenant' });
  });
});

describe('constantTimeEquals', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'ab', false],
    ['', '', true],
    ['', 'a', false],
  ])('%j vs %j → %s', (a, b, equal) => {
    expect(constantTimeEquals(a, b)).toBe(equal);
  });
});
