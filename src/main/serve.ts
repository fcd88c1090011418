import type { FastifyInstance } from 'fastify';
import { bootstrap } from '../core/use-cases/bootstrap.js';
import { buildApp } from '../adapters/http/build-app.js';
import { createLogger } from '../adapters/logging/create-logger.js';
import type { Config } from './config.js';
import { announceSecret } from './announce-secret.js';
import { createContainer, type Container } from './container.js';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;
const STALE_COUNTER_MS = 24 * 3600 * 1000;

export interface RunningServer {
  app: FastifyInstance;
  container: Container;
  url: string;
  close: () => Promise<void>;
}

/**
 * Starts the service: store, first administrator, HTTP listener, housekeeping. A generated
 * administrator password goes to the terminal once (`announce`), never to the log.
 */
export async function startServer(config: Config, announce: (lines: string[]) => void = announceSecret): Promise<RunningServer> {
  const logger = createLogger({ level: config.logLevel });
  const container = await createContainer(config, logger);
  try {
    return await startOn(container, config, logger, announce);
  } catch (error) {
    // Anything failing after the store, pool, Redis client or worker opened must close them, or the
    // process lingers instead of exiting with the error.
    await container.close().catch(() => undefined);
    throw error;
  }
}

async function startOn(
  container: Container,
  config: Config,
  logger: ReturnType<typeof createLogger>,
  announce: (lines: string[]) => void,
): Promise<RunningServer> {
  const { ports } = container;

  const result = await bootstrap(ports, { adminUsername: config.adminUsername, adminPassword: config.adminPassword });
  if (result.createdTenant) logger.info('created the default tenant');
  if (result.createdAdmin) logger.info({ username: config.adminUsername }, 'created the first administrator');
  if (result.generatedPassword !== null) {
    announce([
      `First administrator of the "default" tenant: ${config.adminUsername}`,
      `Temporary password (shown once, change it at first log-in): ${result.generatedPassword}`,
    ]);
  }

  const app = await buildApp({ ports, logger, publicUrl: config.publicUrl, ready: () => container.store.ping(), trustProxy: config.trustProxy });
  const housekeeping = setInterval(() => {
    const now = ports.clock.now();
    Promise.all([ports.sessions.purgeExpired(now), ports.throttle.purgeStale(new Date(now.getTime() - STALE_COUNTER_MS))]).catch((error: unknown) =>
      logger.warn({ err: error }, 'housekeeping failed'),
    );
  }, HOUSEKEEPING_INTERVAL_MS);
  housekeeping.unref();

  const url = await app.listen({ host: config.host, port: config.port });
  return {
    app,
    container,
    url,
    close: async () => {
      clearInterval(housekeeping);
      await app.close();
      await container.close();
    },
  };
}
