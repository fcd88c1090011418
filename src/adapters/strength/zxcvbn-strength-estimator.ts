import { Worker } from 'node:worker_threads';
import { overloaded } from '../../core/errors.js';
import type { StrengthEstimate, StrengthEstimator } from '../../core/ports/strength-estimator.js';
import type { EstimateReply, EstimateRequest, ZxcvbnWorkerData } from './zxcvbn-protocol.js';

export interface ZxcvbnStrengthEstimatorOptions {
  /** Code points scored; the rest of a longer password is ignored (cost grows with length). Default 100. */
  maxInputLength?: number;
  /** Worker threads. Default 1. */
  workers?: number;
  /** Estimates queued or running across all workers; past this, `estimate` rejects with Overloaded. Default 256. */
  maxPending?: number;
  /**
   * zxcvbn's limit on l33t-substitution variants tried per password. The library default (100) costs
   * ~0.7 s for 100 random printable characters; 20 costs ~0.15 s and still catches `P@ssw0rd`. Default 20.
   */
  l33tMaxSubstitutions?: number;
}

export interface ZxcvbnStrengthEstimator extends StrengthEstimator {
  stats(): { pending: number; refused: number; workers: number };
  /** Terminates every worker; pending and later estimates reject. */
  close(): Promise<void>;
}

interface Pending {
  resolve: (estimate: StrengthEstimate) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  pending: Map<number, Pending>;
}

/**
 * Starts the worker next to this module: compiled JS from dist/, or the TypeScript source when this module
 * itself runs from source (vitest, tsx). Node 20 ignores `--import tsx` in a worker's execArgv for the
 * worker's entry file, so the source case registers tsx from a small eval'd bootstrap instead.
 */
function startWorker(workerData: ZxcvbnWorkerData): Worker {
  // Live heap stays near 40 MB, but without a limit V8 lets garbage from random input grow past 150 MB.
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: 128 } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./zxcvbn-worker.js', import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./zxcvbn-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The first `max` code points of `text` (never splitting a surrogate pair). */
export function capCodePoints(text: string, max: number): string {
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count === max) break;
    count += 1;
    end += char.length;
  }
  return text.slice(0, end);
}

/**
 * zxcvbn (`@zxcvbn-ts/core` with the common and English dictionaries) in worker threads, started on the
 * first estimate. Workers are unref'd while idle, so an unclosed estimator never holds the process open.
 */
export function createZxcvbnStrengthEstimator(options: ZxcvbnStrengthEstimatorOptions = {}): ZxcvbnStrengthEstimator {
  const maxInputLength = options.maxInputLength ?? 100;
  const maxPending = options.maxPending ?? 256;
  const workerData: ZxcvbnWorkerData = { l33tMaxSubstitutions: options.l33tMaxSubstitutions ?? 20 };
  const slots: Slot[] = Array.from({ length: Math.max(1, options.workers ?? 1) }, () => ({ worker: null, pending: new Map() }));
  let nextId = 1;
  let pendingTotal = 0;
  let refused = 0;
  let closed = false;

  const settle = (slot: Slot, id: number): Pending | undefined => {
    const entry = slot.pending.get(id);
    if (!entry) return undefined;
    slot.pending.delete(id);
    pendingTotal -= 1;
    if (slot.pending.size === 0) slot.worker?.unref();
    return entry;
  };

  const failAll = (slot: Slot, error: Error): void => {
    for (const id of [...slot.pending.keys()]) settle(slot, id)?.reject(error);
  };

  const start = (slot: Slot): Worker => {
    const worker = startWorker(workerData);
    worker.unref();
    worker.on('message', (reply: EstimateReply) => {
      const entry = settle(slot, reply.id);
      if (!entry) return;
      if (reply.ok) entry.resolve({ score: reply.score, feedback: reply.feedback });
      else entry.reject(new Error(`strength estimation failed: ${reply.message}`));
    });
    worker.on('error', (error) => {
      if (slot.worker === worker) slot.worker = null;
      failAll(slot, new Error('strength worker failed', { cause: error }));
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) slot.worker = null;
      failAll(slot, new Error(closed ? 'strength estimator closed' : `strength worker exited with code ${code}`));
    });
    return worker;
  };

  return {
    estimate(password, userInputs) {
      if (closed) return Promise.reject(new Error('strength estimator closed'));
      if (pendingTotal >= maxPending) {
        refused += 1;
        return Promise.reject(overloaded(1));
      }
      const slot = slots.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
      const worker = (slot.worker ??= start(slot));
      const request: EstimateRequest = {
        id: nextId++,
        password: capCodePoints(password, maxInputLength),
        userInputs: userInputs.map((word) => capCodePoints(word, maxInputLength)),
      };
      return new Promise<StrengthEstimate>((resolve, reject) => {
        if (slot.pending.size === 0) worker.ref();
        slot.pending.set(request.id, { resolve, reject });
        pendingTotal += 1;
        worker.postMessage(request);
      });
    },
    stats: () => ({ pending: pendingTotal, refused, workers: slots.filter((slot) => slot.worker !== null).length }),
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          const worker = slot.worker;
          slot.worker = null;
          failAll(slot, new Error('strength estimator closed'));
          if (worker) await worker.terminate();
        }),
      );
    },
  };
}
