import { createBcryptVerifier } from './bcrypt-verifier.js';
import { createDjangoVerifier } from './django-verifier.js';
import { createFirebaseScryptVerifier } from './firebase-scrypt-verifier.js';
import { createKeycloakVerifier } from './keycloak-verifier.js';
import type { LegacyVerifier } from './legacy-verifier.js';
import { createPhcVerifier } from './phc-verifier.js';
import { createShaVerifier } from './sha-verifier.js';

export type { LegacyVerifier } from './legacy-verifier.js';
export { LEGACY_BOUNDS } from './legacy-verifier.js';
export { keycloakCredentialToStored } from './keycloak-verifier.js';
export { firebaseScryptToStored } from './firebase-scrypt-verifier.js';

/** Every imported format docs/hash-formats.md describes. Their prefixes do not overlap. */
export function createLegacyVerifiers(): LegacyVerifier[] {
  return [
    createBcryptVerifier(),
    createDjangoVerifier(),
    createPhcVerifier(),
    createKeycloakVerifier(),
    createShaVerifier(),
    createFirebaseScryptVerifier(),
  ];
}
