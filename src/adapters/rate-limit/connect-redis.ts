import { Redis } from 'ioredis';

/** "host:port/db" of a Redis URL, never its user name or password. */
export function describeRedisTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const db = parsed.pathname.replace(/^\//, '');
    return `${parsed.hostname === '' ? 'localhost' : parsed.hostname}:${parsed.port === '' ? '6379' : parsed.port}/${db === '' ? '0' : db}`;
  } catch {
    return '(unparseable Redis URL)';
  }
}

export interface ConnectRedisOptions {
  /** Errors after start-up (a dropped connection while ioredis reconnects); without a listener ioredis prints them. */
  onError: (error: Error) => void;
  /** How long to wait for the first connection; 5 s by default. */
  connectTimeoutMs?: number;
}

/**
 * Connects before returning, so an unreachable or misconfigured Redis fails start-up with a message that
 * names the target (never the password). Afterwards ioredis reconnects by itself; a command made while it
 * is down fails after one retry instead of waiting, and the rate limiter turns that into an error.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: options.connectTimeoutMs ?? 5000, maxRetriesPerRequest: 1 });
  let starting = true;
  let startError: Error | undefined;
  redis.on('error', (error: Error) => {
    if (starting) startError ??= error;
    else options.onError(error);
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = (startError ?? (error instanceof Error ? error : new Error(String(error)))).message;
    throw new Error(`cannot reach Redis at ${describeRedisTarget(url)}: ${withoutPassword(reason, url)}`, { cause: error });
  } finally {
    starting = false;
  }
  return redis;
}

function withoutPassword(text: string, url: string): string {
  try {
    const { password } = new URL(url);
    return password === '' ? text : text.replaceAll(password, '***').replaceAll(decodeURIComponent(password), '***');
  } catch {
    return text;
  }
}
