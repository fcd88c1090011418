import { randomInt } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../core/errors.js';
import { capCodePoints, createZxcvbnStrengthEstimator } from './zxcvbn-strength-estimator.js';

const PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
const randomPrintable = (length: number) => Array.from({ length }, () => PRINTABLE[randomInt(PRINTABLE.length)]).join('');

describe('createZxcvbnStrengthEstimator', () => {
  const estimator = createZxcvbnStrengthEstimator();
  afterAll(() => estimator.close());

  it('scores a common password low, with feedback', async () => {
    const estimate = await estimator.estimate('P@ssw0rd', []);
    expect(estimate.score).toBeLessThanOrEqual(1);
    expect(estimate.feedback.length).toBeGreaterThan(0);
  });

  it('scores a password built from the user inputs low', async () => {
    const estimate = await estimator.estimate('mallory.kowalczyk', ['mallory.kowalczyk@example.com', 'mallory.kowalczyk']);
    expect(estimate.score).toBeLessThanOrEqual(1);
  });

  it('scores a long passphrase high', async () => {
    const estimate = await estimator.estimate('tangerine orbit lantern quietly', []);
    expect(estimate.score).toBeGreaterThanOrEqual(3);
  });

  it('caps long random input, so a 10,000-character password neither takes long nor blocks the event loop', async () => {
    await estimator.estimate('warm-up', []);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const estimate = await estimator.estimate(randomPrintable(10_000), []);
    const elapsed = performance.now() - started;
    delay.disable();
    expect(estimate.score).toBe(4);
    // ~0.15-0.3 s on an idle 2-core box; generous because CI shares its cores (the cap itself is tested below).
    expect(elapsed).toBeLessThan(5_000);
    // Run on this thread, the loop would stall for the whole estimate (delay ≈ elapsed). 50 ms on an idle
    // machine; on a loaded one the OS alone delays the loop, so allow a quarter of the estimate's time.
    expect(delay.max / 1e6).toBeLessThan(Math.max(50, elapsed / 4));
  });

  it('scores only the first maxInputLength code points', async () => {
    const weakHead = 'a'.repeat(100) + randomPrintable(40);
    expect((await estimator.estimate(weakHead, [])).score).toBeLessThanOrEqual(1);
    const uncapped = createZxcvbnStrengthEstimator({ maxInputLength: 200 });
    try {
      expect((await uncapped.estimate(weakHead, [])).score).toBe(4);
    } finally {
      await uncapped.close();
    }
  });

  it('answers 20 concurrent requests, each with its own result', async () => {
    const passwords = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? `password${i}` : `violet-comet-harbor-${i}-quill`));
    const estimates = await Promise.all(passwords.map((password) => estimator.estimate(password, [])));
    estimates.forEach((estimate, i) => {
      if (i % 2 === 0) expect(estimate.score, passwords[i]).toBeLessThanOrEqual(1);
      else expect(estimate.score, passwords[i]).toBeGreaterThanOrEqual(3);
    });
    expect(estimator.stats().pending).toBe(0);
  });
});

describe('createZxcvbnStrengthEstimator limits', () => {
  it('refuses with Overloaded past maxPending instead of queueing', async () => {
    const estimator = createZxcvbnStrengthEstimator({ maxPending: 2 });
    try {
      const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => estimator.estimate(`candidate-${i}`, [])));
      expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
      const refusal = settled[2];
      expect(refusal?.status === 'rejected' && isDomainError(refusal.reason) && refusal.reason.detail.kind).toBe('Overloaded');
      expect(estimator.stats().refused).toBe(2);
    } finally {
      await estimator.close();
    }
  });

  it('spreads work over several workers', async () => {
    const estimator = createZxcvbnStrengthEstimator({ workers: 2 });
    try {
      await Promise.all([estimator.estimate('first-candidate', []), estimator.estimate('second-candidate', [])]);
      expect(estimator.stats().workers).toBe(2);
    } finally {
      await estimator.close();
    }
  });

  it('rejects pending and later estimates once closed, and terminates its workers', async () => {
    const estimator = createZxcvbnStrengthEstimator();
    const pending = expect(estimator.estimate(randomPrintable(100), [])).rejects.toThrow('closed');
    await estimator.close();
    await pending;
    await expect(estimator.estimate('anything', [])).rejects.toThrow('closed');
    expect(estimator.stats()).toMatchObject({ pending: 0, workers: 0 });
  });
});

describe('capCodePoints', () => {
  it.each([
    ['abcdef', 3, 'abc'],
    ['ab', 3, 'ab'],
    ['😀😀😀', 2, '😀😀'],
    ['a😀b', 2, 'a😀'],
    ['', 5, ''],
  ])('caps %j to %i code points', (text, max, expected) => {
    expect(capCodePoints(text, max)).toBe(expected);
  });
});
