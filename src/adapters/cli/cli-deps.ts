import type { Ports } from '../../core/ports/index.js';

/** What `hash calibrate` asks of the hasher (see main for the argon2id implementation). */
export interface CalibrationOptions {
  targetMs: number;
  memoryKiB?: number | undefined;
  parallelism?: number | undefined;
  samples?: number | undefined;
}

export interface CalibrationResult {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** Median time of one hash at the suggested parameters, measured on this machine. */
  medianMs: number;
  targetMs: number;
  /** The target wanted more iterations than the hasher will ever verify. */
  cappedAtCeiling: boolean;
}

export interface ReadSecretOptions {
  /** At a terminal, ask twice and refuse a mismatch. Piped input is read once. */
  confirm?: boolean | undefined;
}

/**
 * Everything a command needs from the outside world. `main` supplies the real thing; tests supply
 * fakes, so no command touches the environment, a database or the terminal directly.
 */
export interface CliDeps {
  /** Opens the configured store (creating the default tenant and first administrator if missing). */
  openPorts(): Promise<{ ports: Ports; close(): Promise<void> }>;
  /** A secret from the terminal with echo off, or the first line of piped standard input. Never argv. */
  readSecret(prompt: string, options?: ReadSecretOptions): Promise<string>;
  /** One line of normal output (standard output). */
  out(line: string): void;
  /** One line of diagnostics (standard error). */
  err(line: string): void;
  /** Runs the HTTP service until it is told to stop. */
  serve(): Promise<void>;
  /** Applies pending schema migrations; returns the names applied, empty when up to date. */
  migrate(): Promise<string[]>;
  calibrate(options: CalibrationOptions): Promise<CalibrationResult>;
}
