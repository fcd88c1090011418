import { describe, expect, it } from 'vitest';
import { createFakeTokens, TEST_SETTINGS } from '../testing/fakes.js';
import { createFixedClock } from '../testing/fixed-clock.js';
import { issueSession } from './issue-session.js';
import { sessionState, type Session } from './session.js';

const lifetime = { ttlSeconds: 3600, idleSeconds: 600 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function session(lastSeenSeconds: number): Session {
  return {
    id: 'd:x',
    tenantId: 'default',
    userId: 'u',
    createdAt: t0,
    expiresAt: at(3600),
    lastSeenAt: at(lastSeenSeconds),
    authenticatedAt: t0,
    passwordChangeOnly: false,
    origin: 'native',
  };
}

describe('sessionState', () => {
  it.each([
    { name: 'fresh', lastSeen: 0, now: 0, state: 'active' },
    { name: 'idle just under the limit', lastSeen: 0, now: 599, state: 'active' },
    { name: 'idle at the limit', lastSeen: 0, now: 600, state: 'expired' },
    { name: 'recently used, before expiry', lastSeen: 3500, now: 3599, state: 'active' },
    { name: 'recently used, at expiry', lastSeen: 3500, now: 3600, state: 'expired' },
  ])('$name: $state', ({ lastSeen, now, state }) => {
    expect(sessionState(session(lastSeen), lifetime, at(now))).toBe(state);
  });
});

describe('issueSession', () => {
  it('stores the digest as id, never the token, with the deployment lifetime at most', () => {
    const tokens = createFakeTokens();
    const clock = createFixedClock(t0);
    const { token, session: issued } = issueSession(
      { tokens, clock, settings: TEST_SETTINGS },
      { tenantId: 'default', userId: 'u', authenticatedAt: t0, passwordChangeOnly: true, origin: 'vrni', ttlSeconds: 5 * 3600 },
    );
    expect(issued.id).toBe(tokens.digest(token));
    expect(JSON.stringify(issued)).not.toContain(`"${token}"`);
    expect(issued).toMatchObject({ createdAt: t0, lastSeenAt: t0, expiresAt: at(5 * 3600), passwordChangeOnly: true, origin: 'vrni' });
    const long = issueSession(
      { tokens, clock, settings: TEST_SETTINGS },
      { tenantId: 'default', userId: 'u', authenticatedAt: t0, passwordChangeOnly: false, origin: 'native', ttlSeconds: 48 * 3600 },
    );
    expect(long.session.expiresAt).toEqual(at(TEST_SETTINGS.session.ttlSeconds));
  });
});
