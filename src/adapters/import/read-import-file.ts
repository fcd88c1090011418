import type { ImportUserRow } from '../../core/use-cases/import-users.js';
import { parseCsvUsers } from './csv-users.js';
import { parseDjangoDumpdata } from './django-dumpdata.js';
import { parseFirebaseAuthExport, type FirebaseHashConfig, type FirebaseScryptEncoder } from './firebase-auth-export.js';
import { parseKeycloakRealmExport, type KeycloakCredentialEncoder } from './keycloak-realm-export.js';

export const IMPORT_FORMATS = ['keycloak', 'django', 'firebase', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The stored-string builders of the hashing adapter, which owns those formats; main supplies them. */
export interface StoredHashEncoders {
  keycloak: KeycloakCredentialEncoder;
  firebase: FirebaseScryptEncoder;
}

export interface ReadImportOptions {
  firebase?: FirebaseHashConfig | undefined;
}

/** Rows of an export file in one of the supported formats; ImportFormatError when the file as a whole is unreadable. */
export function readImportFile(format: ImportFormat, content: string, options: ReadImportOptions, encoders: StoredHashEncoders): ImportUserRow[] {
  switch (format) {
    case 'django':
      return parseDjangoDumpdata(content);
    case 'keycloak':
      return parseKeycloakRealmExport(content, encoders.keycloak);
    case 'firebase':
      return parseFirebaseAuthExport(content, options.firebase, encoders.firebase);
    case 'csv':
      return parseCsvUsers(content);
  }
}
