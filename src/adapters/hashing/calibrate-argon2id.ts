import { performance } from 'node:perf_hooks';
import { ARGON2ID_CEILING, ARGON2ID_FLOOR, createArgon2idHasher } from './argon2id-hasher.js';
import type { Argon2idParams } from './argon2id-hasher.js';

export interface CalibrateArgon2idOptions {
  /** Wanted time per hash on this machine, in milliseconds. */
  targetMs: number;
  memoryKiB?: number;
  parallelism?: number;
  /** Hashes timed per measurement (1–25; default 5). */
  samples?: number;
}

export interface Argon2idCalibration extends Argon2idParams {
  /** Median time of one hash at the suggested parameters, measured here. */
  medianMs: number;
  targetMs: number;
  /** True when the target wanted more iterations than the verifiable ceiling allows. */
  cappedAtCeiling: boolean;
}

const MAX_SAMPLES = 25;

async function medianHashMs(params: Argon2idParams, samples: number): Promise<number> {
  const hasher = createArgon2idHasher(params);
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await hasher.hash(`calibration-${i}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? times[mid] : ((times[mid - 1] ?? 0) + (times[mid] ?? 0)) / 2;
  return median ?? 0;
}

/**
 * Times real hashes here and suggests the iteration count that comes closest to `targetMs` at the
 * given memory and parallelism, never below the floor nor above the verifiable ceiling.
 */
export async function calibrateArgon2id(options: CalibrateArgon2idOptions): Promise<Argon2idCalibration> {
  const { targetMs } = options;
  if (!Number.isFinite(targetMs) || targetMs <= 0) throw new RangeError('targetMs must be a positive number');
  const samples = Math.min(MAX_SAMPLES, Math.max(1, Math.floor(options.samples ?? 5)));
  const base: Argon2idParams = {
    memoryKiB: options.memoryKiB ?? ARGON2ID_FLOOR.memoryKiB,
    iterations: ARGON2ID_FLOOR.iterations,
    parallelism: options.parallelism ?? ARGON2ID_FLOOR.parallelism,
  };

  const baseMs = await medianHashMs(base, samples);
  const perIterationMs = Math.max(baseMs / base.iterations, 0.001);
  const wanted = Math.round(targetMs / perIterationMs);
  const iterations = Math.min(ARGON2ID_CEILING.iterations, Math.max(ARGON2ID_FLOOR.iterations, wanted));
  const suggested = { ...base, iterations };
  const medianMs = iterations === base.iterations ? baseMs : await medianHashMs(suggested, samples);

  return { ...suggested, medianMs, targetMs, cappedAtCeiling: wanted > ARGON2ID_CEILING.iterations };
}
