/** How hard a candidate password would be to guess, on zxcvbn's 0–4 scale. */
export interface StrengthEstimate {
  /** 0 too guessable, 1 very guessable, 2 somewhat guessable, 3 safely unguessable, 4 very unguessable. */
  score: 0 | 1 | 2 | 3 | 4;
  /** Human-readable hints (a warning first, if any, then suggestions); empty when there is nothing to say. */
  feedback: string[];
}

/**
 * Estimates password strength. Advisory only: a policy decides acceptability, never the estimate.
 *
 * Guarantees:
 * - Never blocks the event loop: estimation can take seconds on long random input, so implementations
 *   run it off the main thread and cap the input length (a longer password scores on its prefix).
 * - Bounded work in flight: past the bound, `estimate` rejects at once (DomainError `Overloaded`)
 *   instead of queueing without end.
 * - The password is never logged, stored or echoed in the feedback.
 */
export interface StrengthEstimator {
  /** `userInputs` (username, e-mail, …) count as known words, so passwords built from them score low. */
  estimate(password: string, userInputs: string[]): Promise<StrengthEstimate>;
}
