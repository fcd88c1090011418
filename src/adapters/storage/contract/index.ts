import { describe } from 'vitest';
import { attemptThrottleContract } from './attempt-throttle.contract.js';
import { auditLogContract } from './audit-log.contract.js';
import type { ContractOptions, MakeStore } from './contract-support.js';
import { credentialStoreContract } from './credential-store.contract.js';
import { sessionStoreContract } from './session-store.contract.js';
import { tenantStoreContract } from './tenant-store.contract.js';
import { userDirectoryContract } from './user-directory.contract.js';

export type { ContractOptions, MakeStore } from './contract-support.js';
export { attemptThrottleContract, auditLogContract, credentialStoreContract, sessionStoreContract, tenantStoreContract, userDirectoryContract };

/** Every storage port's contract against one adapter. */
export function storeContract(name: string, makeStore: MakeStore, options: ContractOptions = {}): void {
  describe(`${name} store contract`, () => {
    tenantStoreContract(makeStore, options);
    userDirectoryContract(makeStore, options);
    credentialStoreContract(makeStore, options);
    sessionStoreContract(makeStore, options);
    attemptThrottleContract(makeStore, options);
    auditLogContract(makeStore, options);
  });
}
