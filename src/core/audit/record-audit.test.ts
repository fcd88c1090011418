// The audit trail across every flow that handles a secret: it records who, what, outcome and reason,
// and never a password, a hash, a token or a session id.
import { describe, expect, it } from 'vitest';
import { advance, auditEvents, ctx, makePorts, PASSWORDS, rejection } from '../testing/fakes.js';
import { adminSetPassword } from '../use-cases/admin-set-password.js';
import { authenticate } from '../use-cases/authenticate.js';
import { bootstrap } from '../use-cases/bootstrap.js';
import { changeOwnPassword } from '../use-cases/change-own-password.js';
import { changePasswordWithCredentials } from '../use-cases/change-password-with-credentials.js';
import { createUser } from '../use-cases/create-user.js';
import { signIn } from '../use-cases/sign-in.js';
import { signOut } from '../use-cases/sign-out.js';
import { AUDIT_EVENT_TYPES } from './audit-event.js';

describe('audit trail', () => {
  it('never holds a password, hash, token or session id', async () => {
    const ports = makePorts();
    const secrets: string[] = [];
    const { generatedPassword } = await bootstrap(ports, { adminUsername: 'root' });
    secrets.push(generatedPassword ?? 'unreachable');
    const first = await signIn(ports, { tenantId: 'default', username: 'root', password: generatedPassword ?? '' }, ctx);
    secrets.push(first.token, first.session.id);
    const rootChange = await changeOwnPassword(
      ports,
      await authenticate(ports, first.token),
      { proof: { kind: 'current-password', password: generatedPassword }, newPassword: PASSWORDS.admin, replaceSession: true },
      ctx,
    );
    secrets.push(rootChange?.token ?? '', rootChange?.session.id ?? '');
    const root = await authenticate(ports, rootChange?.token ?? '');

    const alice = await createUser(ports, root, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice, temporary: false }, ctx);
    for (let i = 0; i < 7; i += 1) await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: `${PASSWORDS.alice3}-${i}` }, ctx));
    secrets.push(...Array.from({ length: 7 }, (_, i) => `${PASSWORDS.alice3}-${i}`));
    advance(ports, 3600);
    await rejection(signIn(ports, { tenantId: 'default', username: 'ghost', password: PASSWORDS.other }, ctx));
    const aliceIn = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
    secrets.push(aliceIn.token, aliceIn.session.id);
    await rejection(
      changeOwnPassword(ports, await authenticate(ports, aliceIn.token), { proof: { kind: 'current-password', password: 'not-my-password-xyz' }, newPassword: PASSWORDS.alice2, replaceSession: true }, ctx),
    );
    await rejection(
      changeOwnPassword(ports, await authenticate(ports, aliceIn.token), { proof: { kind: 'current-password', password: PASSWORDS.alice }, newPassword: 'alice-too-short', replaceSession: true }, ctx),
    );
    secrets.push('not-my-password-xyz', 'alice-too-short');
    await adminSetPassword(ports, root, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx);
    const viaCredentials = await changePasswordWithCredentials(ports, { tenantId: 'default', username: 'alice', currentPassword: PASSWORDS.alice2, newPassword: PASSWORDS.alice3 }, ctx);
    secrets.push(viaCredentials.token, viaCredentials.session.id);
    await signOut(ports, await authenticate(ports, viaCredentials.token), ctx);
    secrets.push(PASSWORDS.admin, PASSWORDS.alice, PASSWORDS.alice2, PASSWORDS.alice3, PASSWORDS.other);

    const events = await auditEvents(ports);
    const types = new Set(events.map((e) => e.type));
    for (const type of ['login', 'logout', 'password.change', 'password.admin_set', 'account.lockout', 'sessions.revoke', 'user.create'] as const) {
      expect(types.has(type)).toBe(true);
    }
    for (const event of events) {
      expect(AUDIT_EVENT_TYPES).toContain(event.type);
      expect(['success', 'failure']).toContain(event.outcome);
      expect(event.tenantId).toBe('default');
    }
    const serialised = JSON.stringify(events);
    for (const secret of secrets) expect(serialised).not.toContain(secret);
    expect(serialised).not.toContain('fake$');
    expect(serialised).not.toContain('tok-');
    expect(serialised).not.toContain('d:tok');
  });
});
