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
function cli(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PASSWARDEN_DATA_DIR: dataDir, PASSWARDEN_LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
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
