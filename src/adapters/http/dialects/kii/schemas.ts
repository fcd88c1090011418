import { Type } from 'typebox';

/**
 * Request and response schemas of the Kii wire format. Password strings are capped at 4096 UTF-16
 * units here (the 1 KiB input rule and the policy are the core's); schema failures become
 * RequestInvalid and are answered as Kii's 400 INVALID_INPUT_DATA.
 */
const Secret = (description: string) => Type.String({ maxLength: 4096, description });

export const AppIdParams = Type.Object({ appID: Type.String({ minLength: 1, maxLength: 64 }) });
export const UserPasswordParams = Type.Object({
  appID: Type.String({ minLength: 1, maxLength: 64 }),
  userID: Type.String({ minLength: 1, maxLength: 300, description: 'A user id, "me", "LOGIN_NAME:<name>" or "EMAIL:<address>".' }),
});

export const RegistrationRequest = Type.Object(
  {
    loginName: Type.String({ minLength: 1, maxLength: 512, description: 'Unique in the application (compared case-insensitively).' }),
    password: Secret('Must meet the tenant policy (not Kii\'s historical 4–50 rule).'),
    emailAddress: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    country: Type.Optional(Type.String({ maxLength: 8, description: 'Accepted and ignored.' })),
    locale: Type.Optional(Type.String({ maxLength: 32, description: 'Accepted and ignored.' })),
  },
  { additionalProperties: false },
);

export const RegistrationResponse = Type.Object({
  userID: Type.String(),
  loginName: Type.String(),
  emailAddress: Type.Optional(Type.String()),
  emailAddressVerified: Type.Optional(Type.Boolean()),
  displayName: Type.Optional(Type.String()),
  _hasPassword: Type.Boolean(),
  _disabled: Type.Boolean(),
  createdAt: Type.Integer({ description: 'Epoch milliseconds.' }),
});

export const TokenRequest = Type.Object(
  {
    grant_type: Type.Optional(Type.String({ maxLength: 64, description: 'password (default) or client_credentials.' })),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    password: Type.Optional(Secret('The user\'s password.')),
    client_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    client_secret: Type.Optional(Secret('The application\'s client secret.')),
    expiresAt: Type.Optional(Type.Integer({ description: 'End of life, epoch milliseconds; capped at the deployment\'s session lifetime.' })),
  },
  { additionalProperties: false },
);

export const TokenResponse = Type.Object({
  id: Type.String({ description: 'The user id (the app admin user for client credentials); the SDK builds URLs from it.' }),
  access_token: Type.String(),
  expires_in: Type.Integer({ description: 'Seconds until the token expires.' }),
  token_type: Type.Literal('Bearer'),
});

export const ChangePasswordRequest = Type.Object(
  {
    oldPassword: Type.Optional(Secret('Required unless an administrator changes another user\'s password.')),
    newPassword: Secret('Must meet the tenant policy.'),
  },
  { additionalProperties: false },
);

export const KiiError = Type.Object(
  { errorCode: Type.String(), message: Type.Optional(Type.String()) },
  { additionalProperties: true, description: 'Kii error; Content-Type application/vnd.kii.<Type>+json, plus the type\'s fields.' },
);

export const Empty = Type.Unsafe<undefined>({ type: 'null', description: 'No body.' });

/** OpenAPI response entries for the error statuses a route can answer (500 always included). */
export function kiiErrors(...statuses: number[]): Record<number, typeof KiiError> {
  return Object.fromEntries([...statuses, 500].map((status) => [status, KiiError]));
}
