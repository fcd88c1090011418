import { Type } from 'typebox';

/**
 * Request and response schemas of the Unified Assurance wire format. Every request field is a
 * required, non-empty string [doc]; password rules are the tenant policy's, applied by the core.
 * Schema failures become RequestInvalid and are answered with one `errors` item per field.
 */
const Required = (description: string) => Type.String({ minLength: 1, description });

export const LoginRequest = Type.Object(
  { Username: Required('The username.'), Password: Required('Plain text; never stored or logged.') },
  { additionalProperties: false },
);

export const ChangePasswordRequest = Type.Object(
  {
    Username: Required('The username to change the password for.'),
    OldPassword: Required('The old or expired password.'),
    NewPassword: Required('The new password; must meet the tenant policy.'),
    RepeatNewPassword: Required('The new password, repeated for confirmation.'),
  },
  { additionalProperties: false },
);

const FreeObject = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const SessionInfoRead = Type.Object(
  {
    EmailAddress: Type.String(),
    FullName: Type.String(),
    Locale: Type.String(),
    PasswordExpiration: Type.Integer({ description: 'Epoch seconds; 2147483647 = never. A temporary password is already expired.' }),
    PermissionIDs: FreeObject('Always empty: passwarden has no product permissions.'),
    Permissions: FreeObject('Always empty.'),
    Preferences: FreeObject('Always empty.'),
    Properties: FreeObject('Always empty.'),
    SamlUser: Type.Boolean(),
    SupportPassword: Type.String({ description: 'Always empty: passwarden never returns secrets.' }),
    SupportUsername: Type.String({ description: 'Always empty.' }),
    ThemeDir: Type.String(),
    TZ: Type.String(),
    UserGroupID: Type.Integer({ description: '1 administrators, 2 members, 3 auditors.' }),
    UserID: Type.Integer({ description: 'Stable 31-bit number derived from the passwarden user id.' }),
    Username: Type.String(),
  },
  { additionalProperties: false },
);

export const SuccessEnvelope = Type.Object(
  { success: Type.Literal(true), message: Type.String(), data: Type.Array(SessionInfoRead) },
  { additionalProperties: false },
);

export const FailureEnvelope = Type.Object(
  {
    success: Type.Literal(false),
    message: Type.String(),
    errors: Type.Array(Type.Record(Type.String(), Type.String()), { description: 'One item per failing field, keyed by the field name.' }),
  },
  { additionalProperties: false },
);

/** OpenAPI response entries for the failure statuses a route can answer (500 always included). */
export function failures(...statuses: number[]): Record<number, typeof FailureEnvelope> {
  return Object.fromEntries([...statuses, 500].map((status) => [status, FailureEnvelope]));
}
