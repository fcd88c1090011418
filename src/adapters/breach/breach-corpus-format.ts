/**
 * The indexed corpus file `passwarden breach import` writes and the local checker reads:
 *
 *   bytes 0–7    magic "PWBRIX01"
 *   bytes 8–15   number of hashes, unsigned 64-bit big-endian
 *   bytes 16–    the SHA-1 hashes, 20 bytes each, sorted ascending, no duplicates
 *
 * A lookup is a binary search of about log2(n) 20-byte reads (30 for the full Pwned Passwords corpus
 * of ~10^9 hashes, a 20 GB file); nothing is loaded into memory.
 */
export const CORPUS_MAGIC = Buffer.from('PWBRIX01', 'latin1');
export const CORPUS_HEADER_BYTES = 16;
export const HASH_BYTES = 20;
