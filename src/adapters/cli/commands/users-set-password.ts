import type { Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { adminSetPassword } from '../../../core/use-cases/admin-set-password.js';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';
import { findUser } from '../find-user.js';
import { tenantOption } from '../options.js';
import { withPorts } from '../with-ports.js';

interface UsersSetPasswordOptions {
  tenant: string;
  permanent?: true;
}

export function registerUsersSetPassword(program: Command, deps: CliDeps): void {
  commandGroup(program, 'users')
    .command('set-password')
    .description("set a user's password (read from the terminal, hidden, or the first line of standard input); revokes every session of the user")
    .argument('<username>', 'the user, compared case-insensitively')
    .addOption(tenantOption())
    .option('--permanent', "the password need not be changed at the next log-in (default: the tenant's policy, normally temporary)")
    .action(async (username: string, options: UsersSetPasswordOptions) => {
      const after = await withPorts(deps, async (ports) => {
        const user = await findUser(ports, options.tenant, username);
        const newPassword = await deps.readSecret(`New password for ${user.username}: `, { confirm: true });
        await adminSetPassword(
          ports,
          OPERATOR,
          { tenantId: options.tenant, userId: user.id, newPassword, temporary: options.permanent ? false : undefined },
          OPERATOR_CONTEXT,
        );
        return findUser(ports, options.tenant, username);
      });
      const kind = after.passwordChangeRequired ? 'temporary' : 'permanent';
      deps.out(`Set a ${kind} password for ${after.username} and revoked every session of the user.`);
    });
}
