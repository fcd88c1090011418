import pg from 'pg';

/** "host:port/database" of a connection string, never its user name or password. */
export function describePostgresTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const socketHost = url.searchParams.get('host');
    const host = url.hostname === '' ? (socketHost ?? 'localhost') : url.hostname;
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return `${host}:${url.port === '' ? '5432' : url.port}/${database === '' ? '(default database)' : database}`;
  } catch {
    return '(unparseable connection string)';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message !== '') return error.message;
    if (typeof code === 'string') return code;
  }
  return String(error);
}

/** The password of a connection string is blanked from anything shown, whatever the driver put in it. */
function withoutPassword(text: string, connectionString: string): string {
  let password = '';
  try {
    password = new URL(connectionString).password;
  } catch {
    return text;
  }
  if (password === '') return text;
  return text.replaceAll(password, '***').replaceAll(decodeURIComponent(password), '***');
}

export interface PostgresPoolOptions {
  connectionString: string;
  /** Most connections open at once (pg's `max`); 10 by default. */
  poolSize?: number;
  /** Resolve unqualified names in this schema (validated: lower-case letters, digits and _). */
  schema?: string;
  /** How long to wait for a connection before giving up; 10 s by default. */
  connectTimeoutMs?: number;
}

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  const poolSize = options.poolSize ?? 10;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1) throw new RangeError(`poolSize must be a positive integer, got ${poolSize}`);
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new RangeError(`schema must be lower-case letters, digits and _ (at most 63), got "${options.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection the server drops is removed from the pool and replaced on the next checkout;
  // without a listener the event would crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Checks out one connection, so an unreachable server or refused log-in fails start-up with a message
 * that names the target (never the password) instead of surfacing at the first request.
 */
export async function checkPostgresReachable(pool: pg.Pool, connectionString: string): Promise<void> {
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    const reason = withoutPassword(reasonOf(error), connectionString);
    throw new Error(`cannot reach PostgreSQL at ${describePostgresTarget(connectionString)}: ${reason}`, { cause: error });
  }
}
