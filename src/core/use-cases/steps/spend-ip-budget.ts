import type { RequestContext } from '../../audit/audit-event.js';
import { rateLimited } from '../../errors.js';
import type { RateLimiter } from '../../ports/rate-limiter.js';

/** Per-IP limit on attempts, which slows password spraying across many accounts. */
export async function spendIpBudget(deps: { ipLimiter: RateLimiter }, context: RequestContext): Promise<void> {
  if (context.ip === null) return;
  const outcome = await deps.ipLimiter.consume(context.ip);
  if (!outcome.allowed) throw rateLimited(outcome.retryAfterSeconds);
}
