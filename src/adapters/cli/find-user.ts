import { OPERATOR } from '../../core/authorization/actor.js';
import { isDomainError } from '../../core/errors.js';
import type { Ports } from '../../core/ports/index.js';
import { getUserByUsername } from '../../core/use-cases/get-user-by-username.js';
import type { UserView } from '../../core/users/user-view.js';
import { CliFailure } from './cli-errors.js';

/** The user a command names, compared by username key; a clear failure naming both when absent. */
export async function findUser(ports: Ports, tenantId: string, username: string): Promise<UserView> {
  try {
    return await getUserByUsername(ports, OPERATOR, tenantId, username);
  } catch (error) {
    if (isDomainError(error) && error.detail.kind === 'NotFound') {
      throw new CliFailure(`no user "${username}" in tenant "${tenantId}"`);
    }
    throw error;
  }
}
