/**
 * Closeness between a password and an identifier, on code points (not UTF-16 units). Used by the
 * context rule so that near-copies of the username, e-mail or display name are refused, not only exact
 * containment ("jonath4n-richards0n" for Jonathan Richardson).
 *
 * Thresholds (documented in docs/policy.md):
 * - identifiers shorter than MIN_SIMILAR_LENGTH are only matched by containment or equality;
 * - longest common substring ≥ max(MIN_SIMILAR_LENGTH, 60 % of the identifier) → similar;
 * - edit distance ≤ 25 % of the longer of the two → similar.
 */
export const MIN_SIMILAR_LENGTH = 5;
export const COMMON_SUBSTRING_SHARE = 0.6;
export const EDIT_DISTANCE_SHARE = 0.25;

/** Length of the longest run of code points the two strings share. O(n·m) time, O(m) memory. */
export function longestCommonSubstring(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = a[i - 1] === b[j - 1] ? (previous[j - 1] as number) + 1 : 0;
      if ((current[j] as number) > best) best = current[j] as number;
    }
    [previous, current] = [current, previous];
  }
  return best;
}

/** Levenshtein distance, giving up (returning limit + 1) as soon as it must exceed `limit`. */
export function boundedEditDistance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/** Whether a lower-cased, NFC password is too close to a lower-cased, NFC identifier. */
export function isTooSimilar(password: string, identifier: string): boolean {
  const p = [...password];
  const w = [...identifier];
  if (w.length < MIN_SIMILAR_LENGTH) return false;
  const shared = longestCommonSubstring(p, w);
  if (shared >= Math.max(MIN_SIMILAR_LENGTH, Math.ceil(COMMON_SUBSTRING_SHARE * w.length))) return true;
  const limit = Math.floor(EDIT_DISTANCE_SHARE * Math.max(p.length, w.length));
  return boundedEditDistance(p, w, limit) <= limit;
}
