import { describe, expect, it } from 'vitest';
import { parseArgon2Phc } from './argon2-phc.js';

const SALT16 = 'c29tZXNhbHRzb21lc2FsdA'; // 16 bytes
const HASH32 = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'; // 32 bytes

describe('parseArgon2Phc', () => {
  it.each([
    {
      name: 'argon2id v19',
      input: `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$${HASH32}`,
      expected: { algorithm: 'argon2id', version: 19, memoryKiB: 19456, iterations: 2, parallelism: 1, saltBytes: 16, hashBytes: 32 },
    },
    {
      name: 'argon2i without version means 0x10',
      input: `$argon2i$m=4096,t=3,p=2$${SALT16}$${HASH32}`,
      expected: { algorithm: 'argon2i', version: 16, memoryKiB: 4096, iterations: 3, parallelism: 2, saltBytes: 16, hashBytes: 32 },
    },
    {
      name: 'argon2d, parameters in any order',
      input: `$argon2d$v=16$p=4,m=65536,t=1$${SALT16}$${HASH32}`,
      expected: { algorithm: 'argon2d', version: 16, memoryKiB: 65536, iterations: 1, parallelism: 4, saltBytes: 16, hashBytes: 32 },
    },
    {
      name: 'short salt and long hash are reported, not refused',
      input: `$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$${HASH32}${HASH32}`,
      expected: { algorithm: 'argon2id', version: 19, memoryKiB: 19456, iterations: 2, parallelism: 1, saltBytes: 8, hashBytes: 64 },
    },
  ])('parses $name', ({ input, expected }) => {
    expect(parseArgon2Phc(input)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['not PHC', 'password'],
    ['bcrypt', '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
    ['scrypt', `$scrypt$ln=17,r=8,p=1$${SALT16}$${HASH32}`],
    ['unknown version', `$argon2id$v=20$m=19456,t=2,p=1$${SALT16}$${HASH32}`],
    ['missing m', `$argon2id$v=19$t=2,p=1$${SALT16}$${HASH32}`],
    ['duplicate key', `$argon2id$v=19$m=19456,m=1,t=2,p=1$${SALT16}$${HASH32}`],
    ['unknown key', `$argon2id$v=19$m=19456,t=2,p=1,x=3$${SALT16}$${HASH32}`],
    ['zero', `$argon2id$v=19$m=19456,t=0,p=1$${SALT16}$${HASH32}`],
    ['leading zero', `$argon2id$v=19$m=019456,t=2,p=1$${SALT16}$${HASH32}`],
    ['negative', `$argon2id$v=19$m=19456,t=-2,p=1$${SALT16}$${HASH32}`],
    ['above u32', `$argon2id$v=19$m=4294967296,t=2,p=1$${SALT16}$${HASH32}`],
    ['not a number', `$argon2id$v=19$m=lots,t=2,p=1$${SALT16}$${HASH32}`],
    ['padded base64', `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}==$${HASH32}`],
    ['base64url characters', `$argon2id$v=19$m=19456,t=2,p=1$ab-_cd$${HASH32}`],
    ['impossible base64 length', `$argon2id$v=19$m=19456,t=2,p=1$abcde$${HASH32}`],
    ['missing hash', `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}`],
    ['trailing data', `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$${HASH32}$x`],
    ['trailing newline', `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$${HASH32}\n`],
    ['huge', `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$${'A'.repeat(2000)}`],
  ])('refuses %s', (_name, input) => {
    expect(parseArgon2Phc(input)).toBeNull();
  });
});
