import { readFile } from 'node:fs/promises';
import type { ImportFileRequest } from '../adapters/cli/cli-deps.js';
import { CliFailure } from '../adapters/cli/cli-errors.js';
import { firebaseScryptToStored, keycloakCredentialToStored } from '../adapters/hashing/legacy/index.js';
import { ImportFormatError } from '../adapters/import/import-format-error.js';
import { readImportFile as readRows, type StoredHashEncoders } from '../adapters/import/read-import-file.js';
import type { ImportUserRow } from '../core/use-cases/import-users.js';

/**
 * The stored-string formats for Keycloak and Firebase hashes are defined by the hashing adapter,
 * which verifies them; the import adapter only reads export files. They meet here.
 */
export const STORED_HASH_ENCODERS: StoredHashEncoders = { keycloak: keycloakCredentialToStored, firebase: firebaseScryptToStored };

/** Export files are read whole; this bounds what one import may hold in memory. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** `passwarden import`'s file reading: the rows of one export file, or a CliFailure naming the problem. */
export async function readImportFile(request: ImportFileRequest): Promise<ImportUserRow[]> {
  let content: string;
  try {
    const bytes = await readFile(request.path);
    if (bytes.length > MAX_FILE_BYTES) throw new CliFailure(`${request.path} is larger than 256 MiB; split it`);
    content = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(`cannot read ${request.path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  try {
    return readRows(request.format, content, { firebase: request.firebase }, STORED_HASH_ENCODERS);
  } catch (error) {
    if (error instanceof ImportFormatError) throw new CliFailure(`${request.path}: ${error.message}`);
    throw error;
  }
}
