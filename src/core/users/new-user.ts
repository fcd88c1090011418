import { emailKey, usernameKey, type Role, type User, type UserStatus } from './user.js';

export interface NewUserFacts {
  id: string;
  tenantId: string;
  /** As given; stored NFC-normalised. */
  username: string;
  email?: string | null | undefined;
  displayName?: string | null | undefined;
  roles?: readonly Role[] | undefined;
  status?: UserStatus | undefined;
  now: Date;
}

/** A user as first stored, with its comparison keys derived: one place for creation, registration and import. */
export function newUser(facts: NewUserFacts): User {
  const username = facts.username.normalize('NFC');
  const email = facts.email ?? null;
  return {
    id: facts.id,
    tenantId: facts.tenantId,
    username,
    usernameKey: usernameKey(username),
    email,
    emailKey: emailKey(email),
    displayName: facts.displayName ?? null,
    roles: [...new Set<Role>(facts.roles ?? ['member'])],
    status: facts.status ?? 'active',
    createdAt: facts.now,
    updatedAt: facts.now,
  };
}
