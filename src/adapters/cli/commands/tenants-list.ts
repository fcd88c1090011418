import type { Command } from 'commander';
import { OPERATOR } from '../../../core/authorization/actor.js';
import { listTenants } from '../../../core/use-cases/tenants.js';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';
import { formatTable } from '../format-table.js';
import { withPorts } from '../with-ports.js';

export function registerTenantsList(program: Command, deps: CliDeps): void {
  commandGroup(program, 'tenants')
    .command('list')
    .description('list every tenant, ordered by id')
    .option('--json', 'print the tenants, with their policies, as JSON')
    .action(async (options: { json?: true }) => {
      const tenants = await withPorts(deps, (ports) => listTenants(ports, OPERATOR));
      if (options.json) {
        deps.out(JSON.stringify(tenants, null, 2));
        return;
      }
      if (tenants.length === 0) {
        deps.out('No tenants yet.');
        return;
      }
      const rows = tenants.map((tenant) => [tenant.id, tenant.name, String(tenant.policy.minLength), tenant.createdAt.toISOString()]);
      for (const line of formatTable(['ID', 'NAME', 'MIN-LENGTH', 'CREATED'], rows)) deps.out(line);
    });
}
