import type { Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { createTenant } from '../../../core/use-cases/tenants.js';
import type { CliDeps } from '../cli-deps.js';
import { UsageError } from '../cli-errors.js';
import { commandGroup } from '../create-program.js';
import { addPolicyOptions, policyFromOptions, type PolicyOptionValues } from '../policy-options.js';
import { withPorts } from '../with-ports.js';

interface TenantsCreateOptions extends PolicyOptionValues {
  name: string;
  kiiAppId?: string;
  kiiAppKey?: string;
  kiiClientId?: string;
  kiiClientSecret?: string;
}

/** The Kii options that must come together; the client secret is read like a password, never from argv. */
const KII_OPTIONS = ['kiiAppId', 'kiiAppKey', 'kiiClientId'] as const;
const KII_FLAGS: Record<(typeof KII_OPTIONS)[number], string> = { kiiAppId: '--kii-app-id', kiiAppKey: '--kii-app-key', kiiClientId: '--kii-client-id' };

export function registerTenantsCreate(program: Command, deps: CliDeps): void {
  addPolicyOptions(commandGroup(program, 'tenants').command('create'))
    .description(
      'create a tenant with the default password policy changed by any policy option given, optionally bound to a Kii application ' +
        '(its client secret is then read from the terminal, hidden, or the first line of standard input)',
    )
    .argument('<id>', '1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit')
    .requiredOption('--name <name>', 'display name of the tenant')
    .option('--kii-app-id <id>', 'bind the tenant to this Kii application id (with --kii-app-key and --kii-client-id)')
    .option('--kii-app-key <key>', 'the Kii application key')
    .option('--kii-client-id <id>', "the Kii application's admin client id")
    .option('--kii-client-secret <secret>', 'refused: a secret on the command line leaks into shell history and process lists; pipe it to standard input')
    .action(async (id: string, options: TenantsCreateOptions) => {
      if (options.kiiClientSecret !== undefined) {
        throw new UsageError('--kii-client-secret is not accepted on the command line: give --kii-app-id and type the secret at the prompt or pipe it to standard input');
      }
      const given = KII_OPTIONS.filter((key) => options[key] !== undefined);
      if (given.length > 0 && given.length < KII_OPTIONS.length) {
        const missing = KII_OPTIONS.filter((key) => options[key] === undefined).map((key) => KII_FLAGS[key]);
        throw new UsageError(`a Kii binding needs ${missing.join(' and ')} as well`);
      }
      const tenant = await withPorts(deps, async (ports) => {
        const kii =
          options.kiiAppId !== undefined && options.kiiAppKey !== undefined && options.kiiClientId !== undefined
            ? {
                appId: options.kiiAppId,
                appKey: options.kiiAppKey,
                clientId: options.kiiClientId,
                clientSecret: await deps.readSecret(`Client secret for Kii application ${options.kiiAppId}: `, { confirm: true }),
              }
            : undefined;
        return createTenant(
          ports,
          OPERATOR,
          { id, name: options.name, policy: policyFromOptions(options), kii },
          OPERATOR_CONTEXT,
        );
      });
      const binding = tenant.kii ? ` It serves Kii application ${tenant.kii.appId} at /api/apps/${tenant.kii.appId}.` : '';
      deps.out(`Created tenant ${tenant.id} (${tenant.name}); passwords need at least ${tenant.policy.minLength} characters.${binding}`);
    });
}
