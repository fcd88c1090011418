import { parse } from 'csv-parse/sync';
import type { ImportUserRow } from '../../core/use-cases/import-users.js';
import { ImportFormatError } from './import-format-error.js';

const COLUMNS = ['username', 'email', 'displayName', 'roles', 'status', 'password', 'passwordHash', 'temporary'] as const;
type Column = (typeof COLUMNS)[number];

function header(names: unknown[]): Column[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (!(COLUMNS as readonly string[]).includes(name)) throw new ImportFormatError(`unknown CSV column "${name.slice(0, 40)}"; the columns are ${COLUMNS.join(', ')}`);
    if (seen.has(name)) throw new ImportFormatError(`the CSV column "${name}" appears twice`);
    seen.add(name);
    return name as Column;
  });
}

const cell = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

function temporary(value: string | undefined, line: number): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ImportFormatError(`line ${line}: temporary must be true, false or empty`);
}

/**
 * Our own CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks in double quotes,
 * `""` for a quote; UTF-8, optional BOM). The header row names the columns, in any order:
 * `username` (required), `email`, `displayName`, `roles` (separated by spaces or `;`), `status`
 * (`active` or `disabled`), and either `password` (plaintext: the policy applies) or `passwordHash`
 * (a stored string in a format of docs/hash-formats.md), and `temporary` (`true`/`false`). Empty
 * cells are absent values. Cells are not trimmed: a space is part of a password.
 */
export function parseCsvUsers(content: string): ImportUserRow[] {
  let records: Record<Column, string>[];
  try {
    records = parse(content, {
      bom: true,
      columns: header,
      record_delimiter: ['\r\n', '\n'],
      skip_empty_lines: true,
      relax_column_count: false,
    }) as Record<Column, string>[];
  } catch (error) {
    if (error instanceof ImportFormatError) throw error;
    // csv-parse's messages name the line and the problem; they never echo a whole record.
    throw new ImportFormatError(`not a valid CSV file: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`);
  }
  if (records.length > 0 && !Object.hasOwn(records[0] ?? {}, 'username')) throw new ImportFormatError('the CSV header must have a username column');
  return records.map((record, i) => ({
    username: record.username ?? '',
    email: cell(record.email),
    displayName: cell(record.displayName),
    roles: cell(record.roles)?.split(/[\s;]+/).filter((role) => role !== ''),
    status: cell(record.status),
    password: cell(record.password),
    passwordHash: cell(record.passwordHash),
    temporary: temporary(record.temporary, i + 2),
  }));
}
