/**
 * The columns named by a SQLite UNIQUE or PRIMARY KEY violation ("UNIQUE constraint failed: users.tenant_id,
 * users.username_key"), or undefined for any other error. Uniqueness is left to the database's indexes,
 * which stay right under races; this turns their refusal back into domain terms.
 */
export function uniqueViolationColumns(error: unknown): string[] | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
  const match = /constraint failed: (.*)$/.exec(error.message);
  return match?.[1]?.split(',').map((column) => column.trim()) ?? [];
}
