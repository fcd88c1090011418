import { describe, expect, it } from 'vitest';
import { ARGON2ID_FLOOR } from './argon2id-hasher.js';
import { calibrateArgon2id } from './calibrate-argon2id.js';

describe('calibrateArgon2id', () => {
  it('never suggests fewer iterations than the floor, and reports a measured median', async () => {
    const result = await calibrateArgon2id({ targetMs: 1, samples: 1 });
    expect(result).toMatchObject({ ...ARGON2ID_FLOOR, targetMs: 1, cappedAtCeiling: false });
    expect(result.medianMs).toBeGreaterThan(0);
  });

  it('suggests more iterations for a larger target', async () => {
    // Ten times the floor's time, with medians of three: a busy machine would have to slow the second
    // measurement fivefold against the first to make this flake (three times, with one sample, did).
    const floor = await calibrateArgon2id({ targetMs: 1, samples: 3 });
    const result = await calibrateArgon2id({ targetMs: floor.medianMs * 10, samples: 3 });
    expect(result.iterations).toBeGreaterThan(ARGON2ID_FLOOR.iterations);
    expect(result.medianMs).toBeGreaterThan(0);
  });

  it.each([0, -5, Number.NaN])('refuses target %s', async (targetMs) => {
    await expect(calibrateArgon2id({ targetMs })).rejects.toThrow(RangeError);
  });

  it('refuses memory below the floor', async () => {
    await expect(calibrateArgon2id({ targetMs: 1, memoryKiB: 1024, samples: 1 })).rejects.toThrow(RangeError);
  });
});
