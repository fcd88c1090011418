import type { Command } from 'commander';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { listUsers } from '../../../core/use-cases/list-users.js';
import type { UserView } from '../../../core/users/user-view.js';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';
import { formatTable } from '../format-table.js';
import { tenantOption, wholeNumber } from '../options.js';
import { withPorts } from '../with-ports.js';

interface UsersListOptions {
  tenant: string;
  limit: number;
  after?: string;
  json?: true;
}

function passwordState(user: UserView): string {
  if (!user.hasPassword) return 'none';
  const state = user.passwordDisabled ? 'disabled' : user.passwordChangeRequired ? 'temporary' : 'set';
  return user.lockedUntil === null ? state : `${state}, locked until ${user.lockedUntil.toISOString()}`;
}

export function registerUsersList(program: Command, deps: CliDeps): void {
  commandGroup(program, 'users')
    .command('list')
    .description('list the users of a tenant, ordered by username')
    .addOption(tenantOption())
    .option('--limit <n>', 'most users to show (1-1000)', wholeNumber(1, 1000), 100)
    .option('--after <cursor>', 'continue after the cursor a previous page printed')
    .option('--json', 'print the page as JSON')
    .action(async (options: UsersListOptions) => {
      const page = await withPorts(deps, (ports) =>
        listUsers(ports, OPERATOR, { tenantId: options.tenant, limit: options.limit, cursor: options.after }),
      );
      if (options.json) {
        deps.out(JSON.stringify(page, null, 2));
        return;
      }
      if (page.items.length === 0) {
        deps.out(`No users in tenant ${options.tenant}.`);
        return;
      }
      const rows = page.items.map((user) => [user.username, user.roles.join(','), user.status, passwordState(user), user.email ?? '', user.id]);
      for (const line of formatTable(['USERNAME', 'ROLES', 'STATUS', 'PASSWORD', 'EMAIL', 'ID'], rows)) deps.out(line);
      if (page.nextCursor !== null) deps.err(`More users follow: add --after ${page.nextCursor}`);
    });
}
