import { Option, type Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { createUser } from '../../../core/use-cases/create-user.js';
import { ROLES, type Role } from '../../../core/users/user.js';
import type { CliDeps } from '../cli-deps.js';
import { UsageError } from '../cli-errors.js';
import { commandGroup } from '../create-program.js';
import { tenantOption } from '../options.js';
import { withPorts } from '../with-ports.js';

interface UsersCreateOptions {
  tenant: string;
  email?: string;
  displayName?: string;
  role?: Role[];
  /** False with --no-password. */
  password: boolean;
  permanent?: true;
}

export function registerUsersCreate(program: Command, deps: CliDeps): void {
  commandGroup(program, 'users')
    .command('create')
    .description('create a user, with a password read from the terminal (hidden) or the first line of standard input')
    .argument('<username>', 'unique within the tenant, compared case-insensitively')
    .addOption(tenantOption())
    .option('--email <address>', 'e-mail address')
    .option('--display-name <name>', 'display name')
    .addOption(new Option('--role <role...>', 'one or more roles (default: member)').choices(ROLES))
    .option('--no-password', 'create the user without a password; set one later with users set-password')
    .option('--permanent', 'the password need not be changed at first log-in (default: temporary)')
    .addHelpText('after', '\nExamples:\n  passwarden users create alice --role admin\n  printf \'%s\\n\' "$PASSWORD" | passwarden users create bob --permanent')
    .action(async (username: string, options: UsersCreateOptions) => {
      if (!options.password && options.permanent) throw new UsageError('--permanent needs a password: leave out --no-password');
      const password = options.password ? await deps.readSecret(`Password for ${username}: `, { confirm: true }) : undefined;
      const user = await withPorts(deps, (ports) =>
        createUser(
          ports,
          OPERATOR,
          {
            tenantId: options.tenant,
            username,
            email: options.email,
            displayName: options.displayName,
            roles: options.role,
            password,
            temporary: options.permanent !== true,
          },
          OPERATOR_CONTEXT,
        ),
      );
      deps.out(`Created user ${user.username} (id ${user.id}) in tenant ${user.tenantId} with role${user.roles.length === 1 ? '' : 's'} ${user.roles.join(', ')}.`);
      if (!user.hasPassword) deps.out('It has no password yet: set one with users set-password.');
      else if (user.passwordChangeRequired) deps.out('Its password is temporary: it must be changed at the first log-in.');
    });
}
