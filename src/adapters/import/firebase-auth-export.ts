import type { ImportUserRow } from '../../core/use-cases/import-users.js';
import { ImportFormatError } from './import-format-error.js';
import { flag, isObject, optionalText, parseJson, text } from './json-fields.js';

/** The project's password hash parameters (Firebase console → Authentication → Password hash parameters). */
export interface FirebaseHashConfig {
  rounds: number;
  memCost: number;
  /** base64 */
  base64SignerKey: string;
  /** base64 */
  base64SaltSeparator: string;
}

/**
 * Builds the stored string from one user's `passwordHash` and `salt` and the project's parameters.
 * The hashing adapter owns that format (firebaseScryptToStored); main passes it in.
 */
export type FirebaseScryptEncoder = (user: { passwordHash: string; salt: string }, config: FirebaseHashConfig) => string;

/**
 * Users of `firebase auth:export <file> --format=json`: `{ "users": [{ localId, email, passwordHash,
 * salt, displayName, disabled, … }] }`. Firebase has no usernames: the username is the e-mail address
 * when there is one, else the `localId` (phone-only and federated users). Users without `passwordHash`
 * (federated, phone, anonymous) are created without a password. Everyone is a member.
 * The hash parameters are required when any user has a password hash.
 */
export function parseFirebaseAuthExport(content: string, config: FirebaseHashConfig | undefined, encode: FirebaseScryptEncoder): ImportUserRow[] {
  const data = parseJson(content, 'Firebase auth:export file');
  if (!isObject(data) || !Array.isArray(data['users'])) throw new ImportFormatError('not a Firebase auth:export file: expected an object with a "users" array');
  const rows: ImportUserRow[] = [];
  for (const user of data['users']) {
    if (!isObject(user)) {
      rows.push({ username: '' });
      continue;
    }
    const email = optionalText(user, 'email');
    const passwordHash = optionalText(user, 'passwordHash');
    let stored: string | undefined;
    if (passwordHash !== undefined) {
      if (config === undefined) throw new ImportFormatError('this Firebase export has password hashes: give the project\'s hash parameters (--hash-key, --salt-separator, --rounds, --mem-cost)');
      stored = encode({ passwordHash, salt: text(user, 'salt') ?? '' }, config);
    }
    rows.push({
      username: email ?? text(user, 'localId') ?? '',
      email,
      displayName: optionalText(user, 'displayName'),
      status: flag(user, 'disabled') === true ? 'disabled' : 'active',
      passwordHash: stored,
    });
  }
  return rows;
}
