import type { Ports } from '../../core/ports/index.js';
import type { CliDeps } from './cli-deps.js';

/** Opens the store for the length of one piece of work and always closes it. */
export async function withPorts<T>(deps: Pick<CliDeps, 'openPorts'>, work: (ports: Ports) => Promise<T>): Promise<T> {
  const opened = await deps.openPorts();
  try {
    return await work(opened.ports);
  } finally {
    await opened.close();
  }
}
