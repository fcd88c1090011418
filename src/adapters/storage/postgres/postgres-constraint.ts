/**
 * The name of the constraint or unique index a PostgreSQL unique violation (SQLSTATE 23505) names, or
 * undefined for any other error. Uniqueness is left to the database's indexes, which stay right under
 * races; this turns their refusal back into domain terms. The names are fixed by the migrations.
 */
export function uniqueViolationConstraint(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return undefined;
  return typeof constraint === 'string' ? constraint : '';
}
