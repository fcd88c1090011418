import type { Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { expirePassword } from '../../../core/use-cases/expire-password.js';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';
import { findUser } from '../find-user.js';
import { tenantOption } from '../options.js';
import { withPorts } from '../with-ports.js';

export function registerUsersExpirePassword(program: Command, deps: CliDeps): void {
  commandGroup(program, 'users')
    .command('expire-password')
    .description("expire a user's password now: the next log-in may only change it")
    .argument('<username>', 'the user, compared case-insensitively')
    .addOption(tenantOption())
    .addHelpText('after', "\nEvery session of the user is revoked. The user keeps the password until changing it at the next log-in.")
    .action(async (username: string, options: { tenant: string }) => {
      const user = await withPorts(deps, async (ports) => {
        const found = await findUser(ports, options.tenant, username);
        await expirePassword(ports, OPERATOR, { tenantId: options.tenant, userId: found.id }, OPERATOR_CONTEXT);
        return found;
      });
      deps.out(
        user.hasPassword
          ? `Expired the password of ${user.username}: sessions revoked; the next log-in may only change it.`
          : `${user.username} has no password to expire; sessions revoked.`,
      );
    });
}
