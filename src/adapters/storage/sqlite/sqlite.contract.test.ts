import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../contract/index.js';
import { openSqliteStore } from './sqlite-store.js';

storeContract('sqlite', async () => {
  const file = join(tmpdir(), `passwarden-contract-${randomBytes(8).toString('hex')}.db`);
  const store = await openSqliteStore({ file });
  return {
    store,
    async dispose() {
      await store.close();
      for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
    },
  };
});
