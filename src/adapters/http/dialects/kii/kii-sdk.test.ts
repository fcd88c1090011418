import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USERNAME, createTestApp, logIn, bearer, type TestApp } from '../../../../../test/support/test-app.js';

/**
 * The official Kii JavaScript SDK (kii-cloud-sdk 2.4.19, CommonJS, XMLHttpRequest from the
 * `xmlhttprequest` package) as a real client against a listening passwarden: register, log in,
 * change the password, and see our errors surface exactly as Kii's would.
 */

interface KiiUserInstance {
  register(): Promise<KiiUserInstance>;
  getID(): string;
  getUsername(): string;
  getAccessToken(): string;
  updatePassword(oldPassword: string, newPassword: string): Promise<KiiUserInstance>;
}
interface KiiSdk {
  Kii: { initializeWithSite(appId: string, appKey: string, site: string): void; authenticateAsAppAdmin(clientId: string, clientSecret: string): Promise<{ _getToken?: () => string }> };
  KiiUser: {
    userWithUsername(username: string, password: string): KiiUserInstance;
    authenticate(username: string, password: string): Promise<KiiUserInstance>;
  };
}

const require = createRequire(import.meta.url);
const loadSdk = () => (require('kii-cloud-sdk') as { create(): KiiSdk }).create();

const APP = { appId: 'sdk0app1', appKey: 'sdk-app-key-0123456789', clientId: 'sdk-client', clientSecret: 'sdk-client-secret-value' };
// 4–50 printable ASCII (the SDK's own rule) and at least 15 characters (our policy).
const FIRST_PW = 'tangerine-orbit-folds';
const SECOND_PW = 'marble-lantern-drifts';

/** The message of a rejected SDK promise ("ERROR_CODE: message"). */
async function sdkError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the SDK call to fail');
}

describe('Kii dialect with the official JavaScript SDK', () => {
  let t: TestApp;
  let sdk: KiiSdk;

  beforeAll(async () => {
    t = await createTestApp({ logLevel: 'warn' });
    const root = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    const created = await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(root), payload: { id: 'sdk-app', name: 'SDK App', kii: APP } });
    expect(created.statusCode, created.body).toBe(201);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    sdk = loadSdk();
    sdk.Kii.initializeWithSite(APP.appId, APP.appKey, `http://127.0.0.1:${port}/api`);
  }, 30_000);

  afterAll(async () => {
    await t.close();
  });

  it('registers, logs in, changes the password; afterwards only the new password works', async () => {
    const registered = await sdk.KiiUser.userWithUsername('sdk-alice', FIRST_PW).register();
    expect(registered.getID()).toMatch(/\S/);
    expect(registered.getAccessToken()).toMatch(/\S/);

    const user = await sdk.KiiUser.authenticate('sdk-alice', FIRST_PW);
    expect(user.getID()).toBe(registered.getID());
    await user.updatePassword(FIRST_PW, SECOND_PW);

    expect(await sdkError(sdk.KiiUser.authenticate('sdk-alice', FIRST_PW))).toMatch(/^invalid_grant: /);
    const again = await sdk.KiiUser.authenticate('sdk-alice', SECOND_PW);
    expect(again.getID()).toBe(registered.getID());
  }, 30_000);

  it("surfaces a wrong old password as Kii's WRONG_PASSWORD", async () => {
    await sdk.KiiUser.userWithUsername('sdk-bob', FIRST_PW).register();
    const bob = await sdk.KiiUser.authenticate('sdk-bob', FIRST_PW);
    expect(await sdkError(bob.updatePassword('not-the-old-password', SECOND_PW))).toBe('WRONG_PASSWORD: The provided password is wrong');
  }, 30_000);

  it("surfaces a short new password as PASSWORD_TOO_SHORT and a taken name as USER_ALREADY_EXISTS", async () => {
    await sdk.KiiUser.userWithUsername('sdk-carol', FIRST_PW).register();
    const carol = await sdk.KiiUser.authenticate('sdk-carol', FIRST_PW);
    expect(await sdkError(carol.updatePassword(FIRST_PW, 'short-pw'))).toMatch(/^PASSWORD_TOO_SHORT: /);
    expect(await sdkError(sdk.KiiUser.userWithUsername('sdk-carol', SECOND_PW).register())).toMatch(/^USER_ALREADY_EXISTS: /);
  }, 30_000);

  it('logs in as the app administrator with the client id and secret', async () => {
    const admin = await sdk.Kii.authenticateAsAppAdmin(APP.clientId, APP.clientSecret);
    expect(admin).toBeDefined();
    expect(await sdkError(sdk.Kii.authenticateAsAppAdmin(APP.clientId, 'not-the-client-secret'))).toMatch(/invalid_grant/);
  }, 30_000);
});
