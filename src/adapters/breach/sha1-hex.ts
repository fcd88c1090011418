import { createHash } from 'node:crypto';

/** Upper-case hex SHA-1 of the UTF-8 password: the key Pwned Passwords and its dumps use. */
export function sha1Hex(password: string): string {
  return createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
}
