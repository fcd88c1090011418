import type { ImportUserRow } from '../../core/use-cases/import-users.js';
import { ImportFormatError } from './import-format-error.js';
import { flag, fullName, isObject, optionalText, parseJson, text } from './json-fields.js';

/**
 * Turns one Keycloak credential (`{ type: "password", secretData, credentialData }`) into the stored
 * string the hashing adapter verifies, or null when it cannot. The hashing adapter owns that format
 * (keycloakCredentialToStored); main passes it in.
 */
export type KeycloakCredentialEncoder = (credential: unknown) => string | null;

/**
 * Users of a Keycloak realm export (`kc.sh export`, or the admin console's partial export): an object
 * with a `users` array (a whole realm, or one `<realm>-users-N.json` file), or a bare array of users.
 * Each user's `username`, `email`, `firstName` + `lastName` and `enabled` are kept; the first
 * credential of type `password` becomes the stored hash. Keycloak's realm roles are not mapped (their
 * names are the realm's own): everyone is a member. Service-account users (`serviceAccountClientId`)
 * belong to Keycloak clients and are left out. A password credential that cannot be converted (an
 * unknown provider) gives an empty hash, which the import refuses for that row.
 */
export function parseKeycloakRealmExport(content: string, encode: KeycloakCredentialEncoder): ImportUserRow[] {
  const data = parseJson(content, 'Keycloak realm export');
  const users = Array.isArray(data) ? data : isObject(data) && Array.isArray(data['users']) ? data['users'] : null;
  if (users === null) throw new ImportFormatError('not a Keycloak realm export: expected an object with a "users" array');
  const rows: ImportUserRow[] = [];
  for (const user of users) {
    if (!isObject(user)) {
      rows.push({ username: '' });
      continue;
    }
    if (text(user, 'serviceAccountClientId') !== undefined) continue;
    const credentials = Array.isArray(user['credentials']) ? user['credentials'] : [];
    const password = credentials.find((credential) => isObject(credential) && credential['type'] === 'password');
    rows.push({
      username: text(user, 'username') ?? '',
      email: optionalText(user, 'email'),
      displayName: fullName(text(user, 'firstName'), text(user, 'lastName')),
      status: flag(user, 'enabled') === false ? 'disabled' : 'active',
      passwordHash: password === undefined ? undefined : (encode(password) ?? ''),
    });
  }
  return rows;
}
