import type { Role } from '../users/user.js';

/** A signed-in user acting through a session. */
export interface UserActor {
  kind: 'user';
  tenantId: string;
  userId: string;
  sessionId: string;
  roles: Role[];
  passwordChangeOnly: boolean;
  authenticatedAt: Date;
  sessionOrigin: string;
}

/** The operator at the command line (or start-up): full rights on every tenant. */
export interface OperatorActor {
  kind: 'operator';
}

export type Actor = UserActor | OperatorActor;

export const OPERATOR: OperatorActor = Object.freeze({ kind: 'operator' });
