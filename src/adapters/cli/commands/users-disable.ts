import type { Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { updateUser } from '../../../core/use-cases/update-user.js';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';
import { findUser } from '../find-user.js';
import { tenantOption } from '../options.js';
import { withPorts } from '../with-ports.js';

export function registerUsersDisable(program: Command, deps: CliDeps): void {
  commandGroup(program, 'users')
    .command('disable')
    .description('disable a user: log-in is refused and every session is revoked at once')
    .argument('<username>', 'the user, compared case-insensitively')
    .addOption(tenantOption())
    .action(async (username: string, options: { tenant: string }) => {
      const result = await withPorts(deps, async (ports) => {
        const user = await findUser(ports, options.tenant, username);
        if (user.status === 'disabled') return { user, changed: false };
        await updateUser(ports, OPERATOR, { tenantId: options.tenant, userId: user.id, status: 'disabled' }, OPERATOR_CONTEXT);
        return { user, changed: true };
      });
      deps.out(
        result.changed
          ? `Disabled ${result.user.username} and revoked every session of the user.`
          : `${result.user.username} was already disabled.`,
      );
    });
}
