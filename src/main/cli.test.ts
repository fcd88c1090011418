import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'tangerine-orbit-lantern';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;

/** Runs the real CLI from source, as the `passwarden` bin would, against a fresh data directory. */
function cli(args: string[], stdin = '', extraEnv: Record<string, string> = {}, closeStdout = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PASSWARDEN_DATA_DIR: dataDir, PASSWARDEN_LOG_LEVEL: 'warn', ...extraEnv },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // A reader that stops early, as `| head -0` does: every write of the child meets a closed pipe.
    if (closeStdout) child.stdout.destroy();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

describe('passwarden CLI, end to end', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'passwarden-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops writing quietly when its reader closes the pipe (passwarden users list | head)', async () => {
    const ownDir = await mkdtemp(join(tmpdir(), 'passwarden-cli-epipe-'));
    try {
      const listed = await cli(['users', 'list'], '', { PASSWARDEN_DATA_DIR: ownDir }, true);
      expect(listed.stderr).not.toMatch(/EPIPE|Unhandled/);
      expect(listed.code).toBe(0);
    } finally {
      await rm(ownDir, { recursive: true, force: true });
    }
  });

  it('migrates, creates a user from a piped password, and lists users and tenants', async () => {
    const migrate = await cli(['db', 'migrate']);
    expect(migrate).toMatchObject({ code: 0, stderr: '' });
    expect(migrate.stdout).toMatch(/^(Applied \S+\n)+$|^Database is up to date\.\n$/);

    const create = await cli(['users', 'create', 'alice', '--email', 'alice@example.com'], `${PASSWORD}\n`);
    expect(create.code, create.stderr).toBe(0);
    expect(create.stdout).toMatch(/^Created user alice \(id \S+\) in tenant default with role member\.\nIts password is temporary/);
    // The first command to open the store also created the default tenant's first administrator.
    expect(create.stderr).toMatch(/First administrator of the "default" tenant: admin\n\s*Temporary password \(shown once/);

    const users = await cli(['users', 'list']);
    expect(users.code, users.stderr).toBe(0);
    expect(users.stdout).toMatch(/^USERNAME .*\nadmin +admin +active +temporary .*\nalice +member +active +temporary +alice@example\.com /);
    expect(users.stderr).toBe('');

    const tenants = await cli(['tenants', 'list', '--json']);
    expect(tenants.code, tenants.stderr).toBe(0);
    expect(JSON.parse(tenants.stdout)).toMatchObject([{ id: 'default', name: 'Default' }]);

    for (const run of [migrate, create, users, tenants]) {
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    }
  }, 180_000);

  it('exits 2 with one clear line for a bad command', async () => {
    const run = await cli(['users', 'frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: unknown command 'frobnicate'/);
  }, 60_000);

  it('lists every command group in --help and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    for (const group of ['serve', 'users', 'tenants', 'db', 'hash']) expect(run.stdout).toMatch(new RegExp(`^  ${group} `, 'm'));
  }, 60_000);
});

const postgres = process.env.PASSWARDEN_TEST_POSTGRES === '1';
if (!postgres) process.stderr.write('[passwarden tests] PostgreSQL unreachable: skipping `db migrate` on PostgreSQL\n');

describe.skipIf(!postgres)('passwarden db migrate on PostgreSQL', () => {
  const schema = `pw_cli_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const url = process.env.PASSWARDEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'passwarden-cli-pg-'));
  });
  afterAll(async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`drop schema if exists ${schema}_serve cascade`);
    await client.end();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits with the error when start-up fails after the database and Redis opened (nothing left holding the process)', async () => {
    const started = Date.now();
    const run = await cli(['serve'], '', {
      PASSWARDEN_DATABASE_URL: url,
      PASSWARDEN_DATABASE_SCHEMA: `${schema}_serve`,
      PASSWARDEN_REDIS_URL: 'redis://127.0.0.1:6379',
      PASSWARDEN_PORT: '0',
      PASSWARDEN_ADMIN_USERNAME: 'first-admin',
      PASSWARDEN_ADMIN_PASSWORD: 'short',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/policy/);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 120_000);

  it('applies the migrations once, then reports the schema up to date; an unreachable server is one clear line without its password', async () => {
    const env = { PASSWARDEN_DATABASE_URL: url, PASSWARDEN_DATABASE_SCHEMA: schema };
    const first = await cli(['db', 'migrate'], '', env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('0001_initial');
    const second = await cli(['db', 'migrate'], '', env);
    expect(second.stdout).toMatch(/up to date/);
    const down = await cli(['db', 'migrate'], '', { PASSWARDEN_DATABASE_URL: 'postgres://someone:hunter2secret@127.0.0.1:1/x' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1\/x/);
    expect(down.stderr).not.toContain('hunter2secret');
  }, 180_000);
});
