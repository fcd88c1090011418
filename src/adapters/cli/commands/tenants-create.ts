import type { Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { createTenant } from '../../../core/use-cases/tenants.js';
import type { CliDeps } from '../cli-deps.js';
import { UsageError } from '../cli-errors.js';
import { commandGroup } from '../create-program.js';
import { wholeNumber } from '../options.js';
import { withPorts } from '../with-ports.js';

interface TenantsCreateOptions {
  name: string;
  minLength?: number;
  kiiAppId?: string;
  kiiAppKey?: string;
  kiiClientId?: string;
  kiiClientSecret?: string;
}

const KII_OPTIONS = ['kiiAppId', 'kiiAppKey', 'kiiClientId', 'kiiClientSecret'] as const;

export function registerTenantsCreate(program: Command, deps: CliDeps): void {
  commandGroup(program, 'tenants')
    .command('create')
    .description('create a tenant with the default password policy, optionally with another minimum length')
    .argument('<id>', '1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit')
    .requiredOption('--name <name>', 'display name of the tenant')
    .option('--min-length <n>', 'minimum password length in characters', wholeNumber(1, 1000))
    .option('--kii-app-id <id>', 'Kii application id (not supported in this build)')
    .option('--kii-app-key <key>', 'Kii application key (not supported in this build)')
    .option('--kii-client-id <id>', 'Kii client id (not supported in this build)')
    .option('--kii-client-secret <secret>', 'Kii client secret (not supported in this build)')
    .action(async (id: string, options: TenantsCreateOptions) => {
      if (KII_OPTIONS.some((key) => options[key] !== undefined)) {
        throw new UsageError('Kii application settings are not supported in this build: it has no Kii dialect to use them');
      }
      const tenant = await withPorts(deps, (ports) =>
        createTenant(
          ports,
          OPERATOR,
          { id, name: options.name, policy: options.minLength === undefined ? undefined : { minLength: options.minLength } },
          OPERATOR_CONTEXT,
        ),
      );
      deps.out(`Created tenant ${tenant.id} (${tenant.name}); passwords need at least ${tenant.policy.minLength} characters.`);
    });
}
