import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './import-format-error.js';
import { readImportFile, type StoredHashEncoders } from './read-import-file.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/import/${name}`, import.meta.url), 'utf8');

// The real builders belong to the hashing adapter (test/import.test.ts uses them); these show what was passed.
const encoders: StoredHashEncoders = {
  keycloak: (credential) => {
    const data = JSON.parse((credential as { credentialData: string }).credentialData) as { algorithm: string; hashIterations: number };
    return data.algorithm.startsWith('pbkdf2') ? `keycloak$${data.algorithm}$${data.hashIterations}$…` : null;
  },
  firebase: (user, config) => `firebase-scrypt$${config.rounds}$${config.memCost}$${user.salt}`,
};
const firebase = { rounds: 8, memCost: 14, base64SignerKey: 'a2V5', base64SaltSeparator: 'Bw==' };

describe('readImportFile', () => {
  it('django: auth.user entries only; superuser → admin, inactive → disabled, unusable password → none', () => {
    const rows = readImportFile('django', fixture('django-dumpdata.json'), {}, encoders);
    expect(rows.map((row) => row.username)).toEqual(['dj-alice', 'dj-boss', 'dj-gone', 'dj-hostile']);
    expect(rows[0]).toMatchObject({ email: 'alice@django.example', displayName: 'Alice Liddell', roles: ['member'], status: 'active', passwordHash: expect.stringMatching(/^pbkdf2_sha256\$870000\$/) });
    expect(rows[1]).toMatchObject({ roles: ['admin'], displayName: undefined, passwordHash: expect.stringMatching(/^bcrypt_sha256\$\$2b\$12\$/) });
    expect(rows[2]).toMatchObject({ email: undefined, status: 'disabled', passwordHash: undefined });
  });

  it('keycloak: password credentials through the encoder; unconvertible → empty hash; service accounts left out', () => {
    const rows = readImportFile('keycloak', fixture('keycloak-realm-export.json'), {}, encoders);
    expect(rows.map((row) => [row.username, row.status, row.passwordHash])).toEqual([
      ['kc-alice', 'active', 'keycloak$pbkdf2-sha256$27500$…'],
      ['kc-bob', 'disabled', 'keycloak$pbkdf2-sha512$210000$…'],
      ['kc-odd', 'active', ''],
    ]);
    expect(rows[0]).toMatchObject({ email: 'alice@keycloak.example', displayName: 'Alice Keycloak' });
    expect(readImportFile('keycloak', JSON.stringify([{ username: 'bare' }]), {}, encoders)).toEqual([{ username: 'bare', email: undefined, displayName: undefined, status: 'active', passwordHash: undefined }]);
  });

  it('firebase: username is the e-mail, else the localId; the hash parameters are required for hashes', () => {
    const rows = readImportFile('firebase', fixture('firebase-auth-export.json'), { firebase }, encoders);
    expect(rows.map((row) => [row.username, row.passwordHash])).toEqual([
      ['user1@firebase.example', 'firebase-scrypt$8$14$42xEC+ixf3L2lw=='],
      ['carol@firebase.example', expect.stringMatching(/^firebase-scrypt\$8\$14\$/)],
      ['phoneOnlyUser000000000000001', undefined],
    ]);
    expect(rows[1]).toMatchObject({ email: 'carol@firebase.example', displayName: 'Carol Firebase' });
    expect(() => readImportFile('firebase', fixture('firebase-auth-export.json'), {}, encoders)).toThrow(/hash parameters/);
  });

  it('csv: RFC 4180 quoting, roles split, empty cells absent, cells not trimmed', () => {
    const rows = readImportFile('csv', fixture('users.csv'), {}, encoders);
    expect(rows.map((row) => row.username)).toEqual(['csv-alice', 'csv-admin', 'csv-plain', 'csv-weak', 'csv-costly']);
    expect(rows[0]).toMatchObject({ displayName: 'Liddell, Alice "Al"', roles: undefined, password: undefined, passwordHash: expect.stringMatching(/^\$2b\$10\$/) });
    expect(rows[1]?.roles).toEqual(['admin', 'member']);
    expect(rows[2]).toMatchObject({ password: 'orchard lantern velvet thirty', passwordHash: undefined });
    const multiline = readImportFile('csv', '\uFEFFpassword,username,temporary\r\n" two\nlines ",bob,true\n', {}, encoders);
    expect(multiline).toEqual([expect.objectContaining({ username: 'bob', password: ' two\nlines ', temporary: true })]);
  });

  it.each([
    ['django', '{"not":"an array"}', /expected a JSON array/],
    ['django', 'not json', /not valid JSON/],
    ['keycloak', '{"realm":"x"}', /"users" array/],
    ['firebase', '[]', /"users" array/],
    ['csv', 'username,password,shoe size\nbob,x,9\n', /unknown CSV column "shoe size"/],
    ['csv', 'username,username\nbob,bob\n', /appears twice/],
    ['csv', 'username,email\nbob\n', /not a valid CSV file/],
    ['csv', 'username,email\n"bob,x\n', /not a valid CSV file/],
    ['csv', 'email\nbob@example.com\n', /username column/],
    ['csv', 'username,temporary\nbob,yes\n', /line 2: temporary/],
  ] as const)('%s: refuses the whole file %j', (format, content, message) => {
    expect(() => readImportFile(format, content, { firebase }, encoders)).toThrow(ImportFormatError);
    expect(() => readImportFile(format, content, { firebase }, encoders)).toThrow(message);
  });
});
