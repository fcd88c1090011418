import { describe, expect, it } from 'vitest';
import { boundedEditDistance, isTooSimilar, longestCommonSubstring } from './similarity.js';

const cp = (text: string) => [...text];

describe('similarity between a password and an identifier', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 3],
    ['xxjonathyy', 'jonathan', 6],
    ['😀😀a', 'b😀😀', 2],
  ])('longest common substring of %j and %j is %i code points', (a, b, expected) => {
    expect(longestCommonSubstring(cp(a), cp(b))).toBe(expected);
  });

  it.each([
    ['kitten', 'sitting', 10, 3],
    ['same', 'same', 0, 0],
    ['abcdefgh', 'a', 2, 3], // gives up past the limit
  ])('edit distance of %j and %j within %i is %i', (a, b, limit, expected) => {
    expect(boundedEditDistance(cp(a), cp(b), limit)).toBe(expected);
  });

  it.each([
    { password: 'jonath4n-loves-rainy-days', identifier: 'jonathan', similar: true, why: 'shares "jonath", 6 of 8' },
    { password: 'jonathanrichards0n', identifier: 'jonathan richardson', similar: true, why: 'edit distance 2 of 19' },
    { password: 'alexa-play-my-music-loud', identifier: 'alexander', similar: false, why: 'shares only "alexa", 5 of 9' },
    { password: 'correct horse battery staple', identifier: 'grace', similar: false, why: 'nothing shared' },
    { password: 'bobbybobbybobby', identifier: 'bob', similar: false, why: 'identifiers under 5 code points use containment only' },
  ])('$password vs $identifier → $similar ($why)', ({ password, identifier, similar }) => {
    expect(isTooSimilar(password, identifier)).toBe(similar);
  });

  it('stays fast on the longest input the policy admits', () => {
    const started = performance.now();
    for (let i = 0; i < 50; i += 1) isTooSimilar('x'.repeat(1024), 'y'.repeat(200));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
