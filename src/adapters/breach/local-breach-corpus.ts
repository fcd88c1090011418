import { open } from 'node:fs/promises';
import type { BreachedPasswordChecker } from '../../core/ports/breached-password-checker.js';
import { CORPUS_HEADER_BYTES, CORPUS_MAGIC, HASH_BYTES } from './breach-corpus-format.js';
import { sha1Hex } from './sha1-hex.js';

export interface LocalBreachCorpus extends BreachedPasswordChecker {
  /** Hashes in the corpus. */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * The offline breach checker: binary search in an index built by `passwarden breach import`
 * (format in breach-corpus-format.ts). The file stays open; each lookup reads ~30 records from it.
 * Opening fails at once on a missing, truncated or foreign file, so a bad path stops start-up.
 */
export async function createLocalBreachCorpus(file: string, options: { onError?: (error: Error) => void } = {}): Promise<LocalBreachCorpus> {
  const handle = await open(file, 'r');
  let size: number;
  try {
    const header = Buffer.alloc(CORPUS_HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, CORPUS_HEADER_BYTES, 0);
    if (bytesRead < CORPUS_HEADER_BYTES || !header.subarray(0, CORPUS_MAGIC.length).equals(CORPUS_MAGIC)) {
      throw new Error(`${file} is not a breach corpus built by "passwarden breach import"`);
    }
    size = Number(header.readBigUInt64BE(8));
    const { size: bytes } = await handle.stat();
    if (bytes !== CORPUS_HEADER_BYTES + size * HASH_BYTES) throw new Error(`${file} is truncated or damaged (size does not match its header)`);
  } catch (error) {
    await handle.close();
    throw error;
  }

  const record = async (index: number, into: Buffer) => {
    const { bytesRead } = await handle.read(into, 0, HASH_BYTES, CORPUS_HEADER_BYTES + index * HASH_BYTES);
    if (bytesRead !== HASH_BYTES) throw new Error('breach corpus read came up short');
  };

  return {
    size,
    async isBreached(password) {
      const wanted = Buffer.from(sha1Hex(password), 'hex');
      const entry = Buffer.alloc(HASH_BYTES);
      try {
        let low = 0;
        let high = size - 1;
        while (low <= high) {
          const middle = Math.floor((low + high) / 2);
          await record(middle, entry);
          const order = entry.compare(wanted);
          if (order === 0) return true;
          if (order < 0) low = middle + 1;
          else high = middle - 1;
        }
        return false;
      } catch (error) {
        const failure = new Error(`breach corpus lookup failed: ${(error as Error).message}`, { cause: error });
        options.onError?.(failure);
        throw failure;
      }
    },
    close: () => handle.close(),
  };
}
