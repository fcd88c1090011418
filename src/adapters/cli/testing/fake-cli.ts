import type { Command } from 'commander';
import { createUser } from '../../../core/use-cases/create-user.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { makePorts, seedDefaultTenant, type TestPorts } from '../../../core/testing/fakes.js';
import type { ImportUserRow } from '../../../core/use-cases/import-users.js';
import type { BreachImportResult, CalibrationOptions, CalibrationResult, CliDeps, ImportFileRequest, ReadSecretOptions } from '../cli-deps.js';
import { CliFailure, UsageError } from '../cli-errors.js';
import { createProgram } from '../create-program.js';
import { runCli, type ExitCode } from '../run-cli.js';

export type Register = (program: Command, deps: CliDeps) => void;

export interface FakeCli {
  deps: CliDeps;
  ports: TestPorts;
  stdout: string[];
  stderr: string[];
  /** Answers readSecret hands out, in order; when none is left it fails as empty standard input does. */
  secrets: string[];
  prompts: { prompt: string; options: ReadSecretOptions | undefined }[];
  /** How often the store was opened and closed. */
  openings: { opened: number; closed: number };
  served: number;
  migrations: string[];
  calibrations: CalibrationOptions[];
  calibration: CalibrationResult;
  breachImports: { source: string; output: string | undefined }[];
  /** What readImportFile returns for each path; any other path fails as a missing file does. */
  importFiles: Map<string, ImportUserRow[]>;
  importRequests: ImportFileRequest[];
  breachImport: BreachImportResult;
  run(registers: Register | readonly Register[], argv: readonly string[]): Promise<ExitCode>;
  /** Everything written, both streams. */
  output(): string;
}

/** Command-line deps over the in-memory store, with the default tenant in place as `openPorts` would leave it. */
export async function createFakeCli(): Promise<FakeCli> {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  const fake: FakeCli = {
    ports,
    stdout: [],
    stderr: [],
    secrets: [],
    prompts: [],
    openings: { opened: 0, closed: 0 },
    served: 0,
    migrations: [],
    calibrations: [],
    calibration: { memoryKiB: 19_456, iterations: 7, parallelism: 1, medianMs: 247.6, targetMs: 250, cappedAtCeiling: false },
    breachImports: [],
    importFiles: new Map(),
    importRequests: [],
    breachImport: { output: '/var/lib/passwarden/breach-corpus.idx', hashes: 3 },
    deps: {
      out: (line) => void fake.stdout.push(line),
      err: (line) => void fake.stderr.push(line),
      async readSecret(prompt, options) {
        fake.prompts.push({ prompt, options });
        const secret = fake.secrets.shift();
        if (secret === undefined) throw new UsageError('no password on standard input');
        return secret;
      },
      async openPorts() {
        fake.openings.opened += 1;
        return {
          ports,
          close: async () => {
            fake.openings.closed += 1;
          },
        };
      },
      async serve() {
        fake.served += 1;
      },
      async migrate() {
        return fake.migrations;
      },
      async calibrate(options) {
        fake.calibrations.push(options);
        return fake.calibration;
      },
      async readImportFile(request) {
        fake.importRequests.push(request);
        const rows = fake.importFiles.get(request.path);
        if (rows === undefined) throw new CliFailure(`cannot read ${request.path}`);
        return rows;
      },
      async importBreachCorpus(source, output) {
        fake.breachImports.push({ source, output });
        return { ...fake.breachImport, ...(output === undefined ? {} : { output }) };
      },
    },
    async run(registers, argv) {
      const program = createProgram(fake.deps, '9.8.7');
      for (const register of Array.isArray(registers) ? registers : [registers as Register]) register(program, fake.deps);
      return runCli(program, argv, fake.deps);
    },
    output: () => [...fake.stdout, ...fake.stderr].join('\n'),
  };
  return fake;
}

/** A user created the way `users create` would, for commands that act on an existing user. */
export function seedCliUser(ports: TestPorts, username: string, password?: string) {
  return createUser(ports, OPERATOR, { tenantId: 'default', username, password, temporary: false }, OPERATOR_CONTEXT);
}
