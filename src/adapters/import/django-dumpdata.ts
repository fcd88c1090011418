import type { ImportUserRow } from '../../core/use-cases/import-users.js';
import { ImportFormatError } from './import-format-error.js';
import { flag, fullName, isObject, optionalText, parseJson, text } from './json-fields.js';

/**
 * Users from `python manage.py dumpdata auth.user`:
 * `[{ "model": "auth.user", "pk": 1, "fields": { "username", "email", "first_name", "last_name",
 * "password", "is_active", "is_superuser", … } }]`. Entries of other models are ignored, so a dump of
 * the whole `auth` app works too. The password field is Django's stored string, kept as it is
 * (`pbkdf2_sha256$…`, `argon2$…`, `bcrypt_sha256$…`, `scrypt$…`); an unusable password (`!…`) or an
 * empty one gives a user without a password. `is_superuser` becomes the admin role, everyone else is a
 * member; `is_active: false` becomes a disabled user.
 */
export function parseDjangoDumpdata(content: string): ImportUserRow[] {
  const data = parseJson(content, 'Django dumpdata file');
  if (!Array.isArray(data)) throw new ImportFormatError('not a Django dumpdata file: expected a JSON array of objects');
  const rows: ImportUserRow[] = [];
  for (const entry of data) {
    if (!isObject(entry) || text(entry, 'model') !== 'auth.user') continue;
    const fields = isObject(entry['fields']) ? entry['fields'] : {};
    const password = text(fields, 'password');
    rows.push({
      username: text(fields, 'username') ?? '',
      email: optionalText(fields, 'email'),
      displayName: fullName(text(fields, 'first_name'), text(fields, 'last_name')),
      roles: flag(fields, 'is_superuser') === true ? ['admin'] : ['member'],
      status: flag(fields, 'is_active') === false ? 'disabled' : 'active',
      passwordHash: password === undefined || password === '' || password.startsWith('!') ? undefined : password,
    });
  }
  return rows;
}
