import type { Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { DEFAULT_TENANT_ID } from '../../../core/tenants/tenant.js';
import { unlockUser } from '../../../core/use-cases/unlock-user.js';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';
import { findUser } from '../find-user.js';
import { tenantOption } from '../options.js';
import { withPorts } from '../with-ports.js';

export function registerUsersUnlock(program: Command, deps: CliDeps): void {
  commandGroup(program, 'users')
    .command('unlock')
    .description("clear a user's failed log-in counter and any wait in force")
    .argument('<username>', 'the user, compared case-insensitively')
    .addOption(tenantOption())
    .addHelpText('after', '\nA password disabled after too many failures stays disabled: set a new one with users set-password.')
    .action(async (username: string, options: { tenant: string }) => {
      const user = await withPorts(deps, async (ports) => {
        const found = await findUser(ports, options.tenant, username);
        await unlockUser(ports, OPERATOR, { tenantId: options.tenant, userId: found.id }, OPERATOR_CONTEXT);
        return found;
      });
      deps.out(`Unlocked ${user.username}: failed attempts cleared.`);
      if (user.passwordDisabled) {
        const tenant = options.tenant === DEFAULT_TENANT_ID ? '' : ` --tenant ${options.tenant}`;
        deps.out(`Its password stays disabled after too many failures; set a new one with: passwarden users set-password ${user.username}${tenant}`);
      }
    });
}
