/** Messages between the estimator and its worker threads. */
export interface EstimateRequest {
  id: number;
  password: string;
  userInputs: string[];
}

export type EstimateReply =
  | { id: number; ok: true; score: 0 | 1 | 2 | 3 | 4; feedback: string[] }
  | { id: number; ok: false; message: string };

/** Settings the worker builds its estimator with (`workerData`). */
export interface ZxcvbnWorkerData {
  l33tMaxSubstitutions: number;
}
