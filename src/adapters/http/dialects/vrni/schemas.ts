import { Type } from 'typebox';

/**
 * Request and response schemas of the vRNI wire format. Strings are required to be non-empty here;
 * password length and content rules are the tenant policy's, applied by the core. Schema failures
 * become RequestInvalid and are answered as ApiError with `target` naming the field.
 */
const NonEmpty = (description: string) => Type.String({ minLength: 1, description });

export const Domain = Type.Object(
  {
    domain_type: Type.String({ minLength: 1, description: 'LOCAL (LDAP and others are refused with 400).' }),
    value: Type.Optional(Type.String({ description: 'For LOCAL, "local"; ignored.' })),
  },
  { additionalProperties: false },
);

export const TokenRequest = Type.Object(
  {
    username: NonEmpty('A local user as name@local, or a bare name.'),
    password: NonEmpty('Plain text; never stored or logged.'),
    domain: Type.Optional(Domain),
  },
  { additionalProperties: false },
);

export const TokenResponse = Type.Object(
  {
    token: Type.String({ description: 'Send as "Authorization: NetworkInsight <token>".' }),
    expiry: Type.Integer({ description: 'End of life, epoch milliseconds (5 hours after issue).' }),
  },
  { additionalProperties: false },
);

export const UserUpdateRequest = Type.Object(
  {
    username: NonEmpty('Whose password: name@local or a bare name. Yourself, or anyone when you are an administrator.'),
    new_password: NonEmpty('Plain text; must meet the tenant policy.'),
  },
  { additionalProperties: false },
);

export const ErrorDetail = Type.Object(
  { code: Type.Integer(), message: Type.String(), target: Type.Array(Type.String()) },
  { additionalProperties: false },
);

export const ApiError = Type.Object(
  { code: Type.Integer({ description: 'The HTTP status.' }), message: Type.String(), details: Type.Array(ErrorDetail) },
  { additionalProperties: false },
);

/** A response without a body (the product's 200 on a change, 204 on log-out). */
export const Empty = Type.Unsafe<undefined>({ type: 'null', description: 'No body.' });

/** OpenAPI response entries for the ApiError statuses a route can answer (500 always included). */
export function apiErrors(...statuses: number[]): Record<number, typeof ApiError> {
  return Object.fromEntries([...statuses, 500].map((status) => [status, ApiError]));
}
