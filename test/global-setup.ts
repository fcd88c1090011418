// Runs once before the suite: probes the services some suites need so the reason for a skip is printed
// once, and fails the run under CI=true when one cannot be reached (CI must not silently skip them).
import { Socket } from 'node:net';

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

export default async function setup(): Promise<void> {
  const services = [
    { name: 'PostgreSQL', port: 5432, env: 'PASSWARDEN_TEST_POSTGRES' },
    { name: 'Redis', port: 6379, env: 'PASSWARDEN_TEST_REDIS' },
  ];
  for (const service of services) {
    const up = await reachable(service.port);
    process.env[service.env] = up ? '1' : '0';
    if (!up && process.env.CI === 'true') {
      throw new Error(`${service.name} on 127.0.0.1:${service.port} cannot be reached and CI=true: failing instead of skipping its suites`);
    }
    if (!up) process.stderr.write(`[passwarden tests] ${service.name} on 127.0.0.1:${service.port} is not reachable: its suites are skipped\n`);
  }
}
