import { describe, expect, it } from 'vitest';
import type { DialectName } from './dialect-driver.js';
import { drivers } from './drivers/index.js';
import { expectResponse, isApplicable } from './expected.js';
import { Harness } from './harness.js';
import { scenarios } from './scenarios.js';

/**
 * The dialect conformance table (style.md, "Dialect conformance"): every scenario states the exact
 * answer of every dialect, and runs against the built app — a fresh one per cell, so no scenario
 * can leak lockout counters, sessions or time into another.
 */
const dialects = Object.keys(drivers) as DialectName[];

describe.each(scenarios)('$name', (scenario) => {
  for (const dialect of dialects) {
    const cell = scenario.expect[dialect];
    if (!isApplicable(cell)) {
      it.skip(`${dialect}: not applicable — ${cell.notApplicable}`, () => undefined);
      continue;
    }
    it(dialect, async () => {
      const h = await Harness.create(scenario.app);
      try {
        const { request, subject } = await scenario.act(h, drivers[dialect]);
        const response = await h.inject(request);
        await h.releaseHashing();
        expectResponse(response, cell);
        if (subject) {
          // The answer tells the truth: a 2xx changed the password, anything else left it as it was.
          const changed = response.statusCode >= 200 && response.statusCode < 300;
          expect(await h.passwordIs(subject.user, subject.newPassword), 'new password in force').toBe(changed);
          if (subject.user.password !== null) expect(await h.passwordIs(subject.user, subject.user.password), 'old password in force').toBe(!changed);
        }
      } finally {
        await h.releaseHashing();
        await h.close();
      }
    });
  }
});
