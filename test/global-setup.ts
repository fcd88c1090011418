// Runs once before the suite: probes the services some suites need so the reason for a skip is printed
// once, and fails the run under CI=true when one cannot be reached (CI must not silently skip them).
import { Socket } from 'node:net';
import pg from 'pg';

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => done(true));
  });
}

/** An open port is not enough: the suites need to log in to the test database and create schemas there. */
async function postgresUsable(): Promise<boolean> {
  if (!(await reachable(5432))) return false;
  const client = new pg.Client({ connectionString: process.env.PASSWARDEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    process.stderr.write(`[passwarden tests] PostgreSQL answers on 127.0.0.1:5432 but the test database is not usable: ${(error as Error).message}\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(): Promise<void> {
  const services = [
    { name: 'PostgreSQL', port: 5432, env: 'PASSWARDEN_TEST_POSTGRES', probe: postgresUsable },
    { name: 'Redis', port: 6379, env: 'PASSWARDEN_TEST_REDIS', probe: () => reachable(6379) },
  ];
  for (const service of services) {
    const up = await service.probe();
    process.env[service.env] = up ? '1' : '0';
    if (!up && process.env.CI === 'true') {
      throw new Error(`${service.name} on 127.0.0.1:${service.port} cannot be reached and CI=true: failing instead of skipping its suites`);
    }
    if (!up) process.stderr.write(`[passwarden tests] ${service.name} on 127.0.0.1:${service.port} is not reachable: its suites are skipped\n`);
  }
}
