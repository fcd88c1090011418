import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import { createHashingGate } from './hashing-gate.js';

interface PendingCall {
  method: 'hash' | 'verify' | 'verifyDummy';
  arg: string;
  resolve: (value: string | boolean | undefined) => void;
  reject: (error: Error) => void;
}

/** A hasher whose calls stay pending until the test settles them by hand. */
function createManualHasher() {
  const pending: PendingCall[] = [];
  let running = 0;
  let maxRunning = 0;
  const start = <T>(method: PendingCall['method'], arg: string): Promise<T> => {
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<T>((resolve, reject) => {
      pending.push({
        method,
        arg,
        resolve: (value) => {
          running -= 1;
          resolve(value as T);
        },
        reject: (error) => {
          running -= 1;
          reject(error);
        },
      });
    });
  };
  const hasher: PasswordHasher = {
    hash: (password) => start<string>('hash', password),
    verify: (_stored, password) => start<boolean>('verify', password),
    verifyDummy: (password) => start<void>('verifyDummy', password),
    isCurrent: (stored) => stored === 'current',
    understands: (stored) => stored === 'current',
  };
  const take = (): PendingCall => {
    const call = pending.shift();
    if (!call) throw new Error('no pending hasher call');
    return call;
  };
  return { hasher, pending, take, maxRunning: () => maxRunning };
}

/** Lets queued promise continuations run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createHashingGate', () => {
  it('never runs more than maxInFlight hashes at once', async () => {
    const fake = createManualHasher();
    const gate = createHashingGate(fake.hasher, { maxInFlight: 2, maxQueued: 10, retryAfterSeconds: 1 });
    const results = Array.from({ length: 7 }, (_, i) => gate.hash(`pw${i}`));
    await flush();
    expect(fake.pending).toHaveLength(2);
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 5, refused: 0 });
    for (let i = 0; i < 7; i += 1) {
      fake.take().resolve(`hash${i}`);
      await flush();
      expect(fake.pending.length).toBeLessThanOrEqual(2);
    }
    await expect(Promise.all(results)).resolves.toHaveLength(7);
    expect(fake.maxRunning()).toBe(2);
    expect(gate.stats()).toEqual({ inFlight: 0, queued: 0, refused: 0 });
  });

  it.each([
    { maxInFlight: 1, maxQueued: 0, burst: 3 },
    { maxInFlight: 2, maxQueued: 3, burst: 9 },
    { maxInFlight: 4, maxQueued: 1, burst: 5 },
  ])(
    'bounds the queue (in flight $maxInFlight, queued $maxQueued, burst $burst) and refuses the rest with Overloaded',
    async ({ maxInFlight, maxQueued, burst }) => {
      const fake = createManualHasher();
      const gate = createHashingGate(fake.hasher, { maxInFlight, maxQueued, retryAfterSeconds: 2.5 });
      const outcomes = Array.from({ length: burst }, (_, i) =>
        gate.verify('stored', `pw${i}`).then(
          () => 'ok' as const,
          (error: unknown) => error,
        ),
      );
      await flush();
      const expectedRefused = burst - maxInFlight - maxQueued;
      expect(gate.stats()).toEqual({ inFlight: maxInFlight, queued: maxQueued, refused: expectedRefused });

      while (fake.pending.length > 0) {
        fake.take().resolve(true);
        await flush();
      }
      const settled = await Promise.all(outcomes);
      const refusals = settled.filter((o) => o !== 'ok');
      expect(refusals).toHaveLength(expectedRefused);
      for (const refusal of refusals) {
        expect(refusal).toBeInstanceOf(DomainError);
        expect((refusal as DomainError).detail).toEqual({ kind: 'Overloaded', retryAfterSeconds: 3 });
      }
      expect(gate.stats()).toEqual({ inFlight: 0, queued: 0, refused: expectedRefused });
    },
  );

  it('hands slots over in FIFO order', async () => {
    const fake = createManualHasher();
    const gate = createHashingGate(fake.hasher, { maxInFlight: 1, maxQueued: 5, retryAfterSeconds: 1 });
    const order: string[] = [];
    const calls = ['a', 'b', 'c', 'd'].map((pw) => gate.hash(pw).then(() => order.push(pw)));
    await flush();
    const started: string[] = [];
    while (fake.pending.length > 0) {
      const call = fake.take();
      started.push(call.arg);
      call.resolve('h');
      await flush();
    }
    await Promise.all(calls);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('releases the slot when the hasher fails, and passes the error through', async () => {
    const fake = createManualHasher();
    const gate = createHashingGate(fake.hasher, { maxInFlight: 1, maxQueued: 1, retryAfterSeconds: 1 });
    const failing = gate.hash('first');
    const queued = gate.verifyDummy('second');
    await flush();
    const boom = new Error('native failure');
    fake.take().reject(boom);
    await expect(failing).rejects.toBe(boom);
    await flush();
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 0, refused: 0 });
    const next = fake.take();
    expect(next).toMatchObject({ method: 'verifyDummy', arg: 'second' });
    next.resolve(undefined);
    await queued;
    expect(gate.stats()).toEqual({ inFlight: 0, queued: 0, refused: 0 });
  });

  it('gates hash, verify and verifyDummy through one pool; isCurrent is not gated', async () => {
    const fake = createManualHasher();
    const gate = createHashingGate(fake.hasher, { maxInFlight: 1, maxQueued: 0, retryAfterSeconds: 1 });
    const running = gate.hash('x');
    await expect(gate.verify('s', 'y')).rejects.toBeInstanceOf(DomainError);
    await expect(gate.verifyDummy('z')).rejects.toBeInstanceOf(DomainError);
    expect(gate.isCurrent('current')).toBe(true);
    expect(gate.isCurrent('old')).toBe(false);
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 0, refused: 2 });
    fake.take().resolve('h');
    await expect(running).resolves.toBe('h');
    expect(gate.stats().inFlight).toBe(0);
  });

  it('returns the wrapped hasher results unchanged', async () => {
    const fake = createManualHasher();
    const gate = createHashingGate(fake.hasher, { maxInFlight: 2, maxQueued: 0, retryAfterSeconds: 1 });
    const h = gate.hash('pw');
    const v = gate.verify('stored', 'pw');
    await flush();
    fake.take().resolve('$argon2id$…');
    fake.take().resolve(false);
    await expect(h).resolves.toBe('$argon2id$…');
    await expect(v).resolves.toBe(false);
  });
});
