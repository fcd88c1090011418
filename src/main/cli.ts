#!/usr/bin/env node
import { announceSecret } from './announce-secret.js';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliDeps } from '../adapters/cli/cli-deps.js';
import { CliFailure, UsageError } from '../adapters/cli/cli-errors.js';
import { createProgram } from '../adapters/cli/create-program.js';
import { createReadSecret } from '../adapters/cli/read-secret.js';
import { runCli } from '../adapters/cli/run-cli.js';
import { registerDbMigrate } from '../adapters/cli/commands/db-migrate.js';
import { registerBreachImport } from '../adapters/cli/commands/breach-import.js';
import { registerHashCalibrate } from '../adapters/cli/commands/hash-calibrate.js';
import { registerImportUsers } from '../adapters/cli/commands/import-users.js';
import { registerServe } from '../adapters/cli/commands/serve.js';
import { registerTenantsCreate } from '../adapters/cli/commands/tenants-create.js';
import { registerTenantsUpdate } from '../adapters/cli/commands/tenants-update.js';
import { registerTenantsList } from '../adapters/cli/commands/tenants-list.js';
import { registerUsersCreate } from '../adapters/cli/commands/users-create.js';
import { registerUsersDisable } from '../adapters/cli/commands/users-disable.js';
import { registerUsersExpirePassword } from '../adapters/cli/commands/users-expire-password.js';
import { registerUsersList } from '../adapters/cli/commands/users-list.js';
import { registerUsersSetPassword } from '../adapters/cli/commands/users-set-password.js';
import { registerUsersUnlock } from '../adapters/cli/commands/users-unlock.js';
import { ConfigError, loadConfig, type Config } from './config.js';

const COMMANDS: readonly ((program: Command, deps: CliDeps) => void)[] = [
  registerServe,
  registerUsersCreate,
  registerUsersList,
  registerUsersSetPassword,
  registerUsersUnlock,
  registerUsersExpirePassword,
  registerUsersDisable,
  registerImportUsers,
  registerTenantsCreate,
  registerTenantsUpdate,
  registerTenantsList,
  registerDbMigrate,
  registerHashCalibrate,
  registerBreachImport,
];

// A reader that stops early (`passwarden users list | head`) closes the pipe: the command finishes
// its work and stops writing, instead of dying of an unhandled EPIPE.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});
const out = (line: string) => void (stdoutClosed || process.stdout.write(`${line}\n`));
const err = (line: string) => void process.stderr.write(`${line}\n`);

/** Read only when a command needs it, so --help works whatever the environment holds. */
function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, { helpHint: false });
    throw error;
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

// The heavy modules (HTTP server, database drivers, argon2) load only when a command needs them, so
// --help, --version and usage errors answer at once and do not depend on native modules loading.
const deps: CliDeps = {
  out,
  err,
  readSecret: createReadSecret(),

  // The same start-up as `serve`: the default tenant and first administrator exist before any command.
  async openPorts() {
    const settings = config();
    const [{ createLogger }, { createContainer }, { bootstrap }] = await Promise.all([
      import('../adapters/logging/create-logger.js'),
      import('./container.js'),
      import('../core/use-cases/bootstrap.js'),
    ]);
    const logger = createLogger({ level: settings.logLevel, destination: process.stderr });
    const container = await createContainer(settings, logger);
    try {
      const result = await bootstrap(container.ports, { adminUsername: settings.adminUsername, adminPassword: settings.adminPassword });
      if (result.generatedPassword !== null) {
        announceSecret([
          `First administrator of the "default" tenant: ${settings.adminUsername}`,
          `Temporary password (shown once, change it at first log-in): ${result.generatedPassword}`,
        ]);
      }
    } catch (error) {
      await container.close();
      throw error;
    }
    return { ports: container.ports, close: container.close };
  },

  async serve() {
    const settings = config();
    const { startServer } = await import('./serve.js');
    const running = await startServer(settings);
    const signal = await untilSignal();
    running.app.log.info({ signal }, 'shutting down');
    await running.close();
  },

  async migrate() {
    const settings = config();
    if (settings.databaseUrl !== null) {
      const { migratePostgresDatabase } = await import('../adapters/storage/postgres/postgres-store.js');
      return migratePostgresDatabase({
        connectionString: settings.databaseUrl,
        poolSize: 1,
        ...(settings.databaseSchema ? { schema: settings.databaseSchema } : {}),
      });
    }
    const [{ default: Database }, { migrateSqlite }] = await Promise.all([
      import('better-sqlite3'),
      import('../adapters/storage/sqlite/sqlite-store.js'),
    ]);
    await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
    const db = new Database(join(settings.dataDir, 'passwarden.db'));
    try {
      // As the store opens it, so the first to create the file sets the same journal mode.
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      return await migrateSqlite(db);
    } finally {
      db.close();
    }
  },

  async calibrate(options) {
    const { calibrateArgon2id } = await import('../adapters/hashing/calibrate-argon2id.js');
    try {
      return await calibrateArgon2id(options);
    } catch (error) {
      // Parameters outside the hasher's floor or ceiling are the operator's input.
      if (error instanceof RangeError) throw new UsageError(error.message, { helpHint: false });
      throw error;
    }
  },

  async readImportFile(request) {
    const { readImportFile } = await import('./read-import-file.js');
    return readImportFile(request);
  },

  async importBreachCorpus(source, output) {
    const settings = config();
    const { buildBreachCorpus } = await import('../adapters/breach/build-breach-corpus.js');
    const target = output ?? settings.breach.corpusFile ?? join(settings.dataDir, 'breach-corpus.idx');
    if (output === undefined && settings.breach.corpusFile === null) await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
    try {
      const { hashes } = await buildBreachCorpus(source, target);
      return { output: target, hashes };
    } catch (error) {
      // Unreadable or malformed input, or an unwritable output: the operator's to fix, said in one line.
      throw new CliFailure((error as Error).message);
    }
  },
};

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = createProgram(deps, packageJson.version);
for (const register of COMMANDS) register(program, deps);

const level = process.env.PASSWARDEN_LOG_LEVEL;
process.exitCode = await runCli(program, process.argv.slice(2), deps, { debug: level === 'debug' || level === 'trace' });
