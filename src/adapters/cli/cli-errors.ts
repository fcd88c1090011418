/** Bad usage found by our own checks: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** Whether to point at --help: not when the fault is in the environment, which --help does not cover. */
  readonly helpHint: boolean;

  constructor(message: string, options: { helpHint?: boolean } = {}) {
    super(message);
    this.helpHint = options.helpHint ?? true;
  }
}

/** An expected failure with a message fit for the operator: printed as one line, exit code 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}
