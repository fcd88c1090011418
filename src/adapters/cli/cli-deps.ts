import type { Ports } from '../../core/ports/index.js';
import type { ImportUserRow } from '../../core/use-cases/import-users.js';

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

export interface BreachImportResult {
  /** Where the index was written. */
  output: string;
  /** Distinct breached hashes indexed. */
  hashes: number;
}

export interface ReadSecretOptions {
  /** At a terminal, ask twice and refuse a mismatch. Piped input is read once. */
  confirm?: boolean | undefined;
}

export const IMPORT_FORMATS = ['keycloak', 'django', 'firebase', 'csv'] as const;
export type ImportFileFormat = (typeof IMPORT_FORMATS)[number];

/** An export file to read, and the Firebase project's hash parameters when the format needs them. */
export interface ImportFileRequest {
  format: ImportFileFormat;
  path: string;
  firebase?: { rounds: number; memCost: number; base64SignerKey: string; base64SaltSeparator: string } | undefined;
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
  /**
   * Builds the local breach index from a range-file directory or a hash list. `output` defaults to
   * PASSWARDEN_BREACH_CORPUS_FILE, else breach-corpus.idx in the data directory.
   */
  importBreachCorpus(source: string, output: string | undefined): Promise<BreachImportResult>;
  /**
   * The users of an export file, converted to import rows (main wires the import adapter's readers
   * to the hashing adapter's stored-hash formats). A CliFailure when the file cannot be read as a whole.
   */
  readImportFile(request: ImportFileRequest): Promise<ImportUserRow[]>;
}
