import type { Command } from 'commander';
import { OPERATOR_CONTEXT } from '../../../core/audit/audit-event.js';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { updateTenant } from '../../../core/use-cases/tenants.js';
import type { CliDeps } from '../cli-deps.js';
import { UsageError } from '../cli-errors.js';
import { commandGroup } from '../create-program.js';
import { addPolicyOptions, policyFromOptions, type PolicyOptionValues } from '../policy-options.js';
import { withPorts } from '../with-ports.js';

interface TenantsUpdateOptions extends PolicyOptionValues {
  name?: string;
}

export function registerTenantsUpdate(program: Command, deps: CliDeps): void {
  addPolicyOptions(commandGroup(program, 'tenants').command('update'))
    .description("rename a tenant or change its password policy; options not given keep their current value")
    .argument('<id>', 'the tenant')
    .option('--name <name>', 'new display name')
    .action(async (id: string, options: TenantsUpdateOptions) => {
      const policy = policyFromOptions(options);
      if (options.name === undefined && policy === undefined) throw new UsageError('nothing to change: give --name or a policy option');
      const tenant = await withPorts(deps, (ports) => updateTenant(ports, OPERATOR, { id, name: options.name, policy }, OPERATOR_CONTEXT));
      deps.out(`Updated tenant ${tenant.id} (${tenant.name}); policy: ${JSON.stringify(tenant.policy)}`);
    });
}
