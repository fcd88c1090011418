import { describe, expect } from 'vitest';
import type { AttemptStart } from '../../../core/ports/attempt-throttle.js';
import { at, caseRunner, useStore, type ContractOptions, type MakeStore } from './contract-support.js';

/** No wait, ever (the last entry holds for every failure after it). */
const never = [0];
/** Free for three failures, then a wait of as many seconds as there are failures (up to 40). */
const afterThree = [0, 0, 0, ...Array.from({ length: 37 }, (_, i) => (i + 4) * 1000)];

function allowed(start: AttemptStart): Extract<AttemptStart, { allowed: true }> {
  if (!start.allowed) throw new Error(`expected an allowed attempt, got locked until ${start.lockedUntil.toISOString()}`);
  return start;
}

export function attemptThrottleContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  describe('AttemptThrottle', () => {
    const store = useStore(makeStore);
    const test = caseRunner(options);

    test('counts each attempt and locks once the schedule asks for a wait', async () => {
      const throttle = store().throttle;
      expect(await throttle.get('acme', 'alice')).toBeUndefined();
      for (let i = 1; i <= 3; i++) expect(await throttle.begin('acme', 'alice', at(i), afterThree)).toEqual({ allowed: true, failures: i, lockedUntil: null });
      expect(await throttle.begin('acme', 'alice', at(10), afterThree)).toEqual({ allowed: true, failures: 4, lockedUntil: at(4010) });
      expect(await throttle.get('acme', 'alice')).toEqual({ failures: 4, lockedUntil: at(4010) });
    });

    test('refuses while locked without counting, and allows again once the lock has passed', async () => {
      const throttle = store().throttle;
      for (let i = 1; i <= 4; i++) await throttle.begin('acme', 'alice', at(0), afterThree);
      expect(await throttle.begin('acme', 'alice', at(3999), afterThree)).toEqual({ allowed: false, lockedUntil: at(4000) });
      expect(await throttle.begin('acme', 'alice', at(2000), never)).toEqual({ allowed: false, lockedUntil: at(4000) });
      expect(await throttle.get('acme', 'alice')).toEqual({ failures: 4, lockedUntil: at(4000) });
      expect(allowed(await throttle.begin('acme', 'alice', at(4000), afterThree))).toEqual({ allowed: true, failures: 5, lockedUntil: at(9000) });
    });

    test('the last wait of the schedule holds for every failure beyond it', async () => {
      const throttle = store().throttle;
      const oneThenTwo = [0, 1000, 2000];
      let now = 0;
      for (let failures = 1; failures <= 6; failures++) {
        const start = allowed(await throttle.begin('acme', 'alice', at(now), oneThenTwo));
        const wait = [0, 1000, 2000, 2000, 2000, 2000][failures - 1] ?? NaN;
        expect(start).toEqual({ allowed: true, failures, lockedUntil: wait === 0 ? null : at(now + wait) });
        now += wait;
      }
    });

    test('20 concurrent attempts are all counted, each seeing a distinct count', async () => {
      const starts = await Promise.all(Array.from({ length: 20 }, () => store().throttle.begin('acme', 'alice', at(0), never)));
      const counts = starts.map((start) => allowed(start).failures).sort((a, b) => a - b);
      expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store().throttle.get('acme', 'alice')).toEqual({ failures: 20, lockedUntil: null });
    });

    test('of concurrent attempts racing into a lock, only those before it are allowed', async () => {
      const starts = await Promise.all(Array.from({ length: 10 }, () => store().throttle.begin('acme', 'alice', at(0), afterThree)));
      expect(starts.filter((start) => start.allowed)).toHaveLength(4);
      expect(await store().throttle.get('acme', 'alice')).toEqual({ failures: 4, lockedUntil: at(4000) });
    });

    test('reset clears the counter and the lock', async () => {
      const throttle = store().throttle;
      for (let i = 1; i <= 4; i++) await throttle.begin('acme', 'alice', at(0), afterThree);
      await throttle.reset('acme', 'alice');
      expect(await throttle.get('acme', 'alice')).toBeUndefined();
      expect(await throttle.begin('acme', 'alice', at(1), afterThree)).toEqual({ allowed: true, failures: 1, lockedUntil: null });
      await throttle.reset('acme', 'nobody');
    });

    test('keys are per tenant and per key', async () => {
      const throttle = store().throttle;
      for (let i = 1; i <= 4; i++) await throttle.begin('acme', 'alice', at(0), afterThree);
      expect(allowed(await throttle.begin('globex', 'alice', at(1), afterThree)).failures).toBe(1);
      expect(allowed(await throttle.begin('acme', 'bob', at(1), afterThree)).failures).toBe(1);
      await throttle.reset('globex', 'alice');
      expect((await throttle.get('acme', 'alice'))?.failures).toBe(4);
    });

    test('purgeStale forgets old counters with no lock in force and keeps the rest', async () => {
      const throttle = store().throttle;
      await throttle.begin('acme', 'old', at(0), never);
      await throttle.begin('acme', 'recent', at(5000), never);
      await throttle.begin('acme', 'locked', at(0), [3_600_000]);
      expect(await throttle.purgeStale(at(1000))).toBe(1);
      expect(await throttle.get('acme', 'old')).toBeUndefined();
      expect(await throttle.get('acme', 'recent')).toBeDefined();
      expect(await throttle.get('acme', 'locked')).toBeDefined();
      expect(await throttle.purgeStale(at(3_600_001))).toBe(2);
    });
  });
}
