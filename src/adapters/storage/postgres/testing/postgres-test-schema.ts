import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test database: trust authentication on the local server unless the environment names another. */
export const POSTGRES_TEST_URL = process.env.PASSWARDEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether the PostgreSQL suites run. test/global-setup.ts probed the server once (and already failed the
 * run under CI=true when it is down); here the skip and its reason are printed for this file.
 */
export function postgresTestsEnabled(file: string): boolean {
  const up = process.env.PASSWARDEN_TEST_POSTGRES === '1';
  if (!up) {
    const reason = 'PostgreSQL on 127.0.0.1:5432 is not reachable';
    if (process.env.CI === 'true') throw new Error(`${reason} and CI=true: failing instead of skipping`);
    process.stderr.write(`[${file}] skipped: ${reason}\n`);
  }
  return up;
}

/** A schema name no other run or test uses: pw_test_<pid>_<random>. */
export function testSchemaName(): string {
  return `pw_test_${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** Drops a test schema and everything in it, over a connection of its own. */
export async function dropTestSchema(schema: string): Promise<void> {
  if (!/^pw_test_\w+$/.test(schema)) throw new Error(`refusing to drop ${schema}: not a test schema`);
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
