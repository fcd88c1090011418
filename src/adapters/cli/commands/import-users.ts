import { Option, type Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { importUsers, MAX_IMPORT_ROWS, type ImportRowResult } from '../../../core/use-cases/import-users.js';
import { IMPORT_FORMATS, type CliDeps, type ImportFileFormat, type ImportFileRequest } from '../cli-deps.js';
import { CliFailure, UsageError } from '../cli-errors.js';
import { describeError } from '../describe-error.js';
import { tenantOption, wholeNumber } from '../options.js';
import { withPorts } from '../with-ports.js';

interface ImportOptions {
  format: ImportFileFormat;
  tenant: string;
  hashKey?: string;
  saltSeparator?: string;
  rounds?: number;
  memCost?: number;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function firebaseConfig(options: ImportOptions): ImportFileRequest['firebase'] {
  const { hashKey, saltSeparator, rounds, memCost } = options;
  const given = [hashKey, saltSeparator, rounds, memCost].filter((value) => value !== undefined).length;
  if (options.format !== 'firebase') {
    if (given > 0) throw new UsageError('--hash-key, --salt-separator, --rounds and --mem-cost are for --format firebase');
    return undefined;
  }
  if (given === 0) return undefined;
  if (hashKey === undefined || saltSeparator === undefined || rounds === undefined || memCost === undefined) {
    throw new UsageError('give all four Firebase hash parameters: --hash-key, --salt-separator, --rounds, --mem-cost');
  }
  if (!BASE64.test(hashKey) || !BASE64.test(saltSeparator)) throw new UsageError('--hash-key and --salt-separator are base64, as the Firebase console shows them');
  return { rounds, memCost, base64SignerKey: hashKey, base64SaltSeparator: saltSeparator };
}

/** "row 3 (alice): …" lines for a failed row; row numbers count users in the file from 1. */
function describeFailure(row: Extract<ImportRowResult, { status: 'failed' }>): string[] {
  const lines =
    row.error.kind === 'RequestInvalid'
      ? row.error.errors.map((error) => `${error.pointer.replace(/^\//, '') || 'row'}: ${error.detail}`)
      : describeError(row.error);
  const [first, ...rest] = lines;
  return [`row ${row.index + 1} (${row.username || 'no username'}): ${first ?? row.error.kind}`, ...rest.map((line) => `  ${line.trimStart()}`)];
}

export function registerImportUsers(program: Command, deps: CliDeps): void {
  program
    .command('import')
    .description('import users exported from Keycloak, Django, Firebase or a CSV file, with their stored password hashes')
    .argument('<file>', 'the export file')
    .addOption(new Option('-f, --format <format>', 'the file\'s format').choices(IMPORT_FORMATS).makeOptionMandatory())
    .addOption(tenantOption())
    .option('--hash-key <base64>', 'Firebase: the project\'s signer key (base64_signer_key)')
    .option('--salt-separator <base64>', 'Firebase: base64_salt_separator')
    .option('--rounds <n>', 'Firebase: rounds', wholeNumber(1, 32))
    .option('--mem-cost <n>', 'Firebase: mem_cost', wholeNumber(1, 32))
    .addHelpText(
      'after',
      [
        '',
        'Users whose username already exists are skipped, so running an import again is safe.',
        'Each user is created with its password or not at all; failed rows are listed, and the exit code is 1.',
        '',
        'Examples:',
        '  passwarden import --format django users.json            # manage.py dumpdata auth.user',
        '  passwarden import --format keycloak --tenant acme realm-export.json',
        '  passwarden import --format firebase --hash-key <key> --salt-separator Bw== --rounds 8 --mem-cost 14 users.json',
        '  passwarden import --format csv users.csv                 # see docs/import.md for the columns',
      ].join('\n'),
    )
    .action(async (file: string, options: ImportOptions) => {
      const firebase = firebaseConfig(options);
      const rows = await deps.readImportFile({ format: options.format, path: file, firebase });
      const totals = { created: 0, skipped: 0, failed: 0 };
      await withPorts(deps, async (ports) => {
        for (let first = 0; first < rows.length; first += MAX_IMPORT_ROWS) {
          const batch = await importUsers(ports, OPERATOR, { tenantId: options.tenant, rows: rows.slice(first, first + MAX_IMPORT_ROWS), firstIndex: first }, OPERATOR_CONTEXT);
          totals.created += batch.created;
          totals.skipped += batch.skipped;
          totals.failed += batch.failed;
          for (const row of batch.results) if (row.status === 'failed') for (const line of describeFailure(row)) deps.err(line);
        }
      });
      deps.out(`Imported ${rows.length} user${rows.length === 1 ? '' : 's'} from ${file} into tenant ${options.tenant}: ${totals.created} created, ${totals.skipped} skipped (already there), ${totals.failed} failed.`);
      if (totals.failed > 0) throw new CliFailure(`${totals.failed} row${totals.failed === 1 ? '' : 's'} not imported (listed above); fix them and run the import again`);
    });
}
