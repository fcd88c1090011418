import { Type } from 'typebox';
import { AUDIT_EVENT_TYPES } from '../../../../core/audit/audit-event.js';
import { ROLES, USER_STATUSES } from '../../../../core/users/user.js';
import { TENANT_ID_PATTERN } from '../../../../core/tenants/tenant.js';

/**
 * Request and response schemas of the native API. Password fields are capped at 1 KiB of input here
 * (4096 UTF-16 units bounds the worst case); the policy applies the exact byte and length rules.
 */
const Password = Type.String({ maxLength: 4096, description: 'Plain text; NFC-normalised by the server. Never stored or logged.' });
const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Role = Type.Union([Type.Literal(ROLES[0]), Type.Literal(ROLES[1]), Type.Literal(ROLES[2])]);
const Status = Type.Union([Type.Literal(USER_STATUSES[0]), Type.Literal(USER_STATUSES[1])]);
const Cursor = Type.String({ maxLength: 512 });
const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });

export const User = Type.Object(
  {
    id: Type.String(),
    tenant: Type.String(),
    username: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    displayName: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(Role),
    status: Status,
    hasPassword: Type.Boolean(),
    passwordChangeRequired: Type.Boolean(),
    passwordChangedAt: NullableTimestamp,
    passwordDisabled: Type.Boolean(),
    lockedUntil: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'User', additionalProperties: false },
);

export const SignInBody = Type.Object(
  {
    tenant: Type.Optional(Type.String({ maxLength: 63 })),
    username: Type.String({ minLength: 1, maxLength: 512 }),
    password: Password,
  },
  { additionalProperties: false },
);

export const SessionCreated = Type.Object({
  token: Type.String({ description: 'Bearer token; shown once.' }),
  expiresAt: Timestamp,
  passwordChangeRequired: Type.Boolean(),
  user: User,
});

export const ChangeOwnPasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const TokenReplaced = Type.Object({ token: Type.String(), expiresAt: Timestamp });

export const Violation = Type.Object(
  { code: Type.String(), message: Type.String() },
  { additionalProperties: true, description: 'Plus the rule parameters, e.g. minLength.' },
);

export const PasswordCheckBody = Type.Object(
  {
    tenant: Type.Optional(Type.String({ maxLength: 63 })),
    password: Password,
    username: Type.Optional(Type.String({ maxLength: 512 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
  },
  { additionalProperties: false },
);

export const StrengthEstimate = Type.Object({
  score: Type.Integer({ minimum: 0, maximum: 4, description: '0 too guessable … 4 very unguessable (zxcvbn scale); advice only' }),
  feedback: Type.Array(Type.String(), { description: 'A warning first, if any, then suggestions' }),
});

export const PasswordCheckResult = Type.Object({
  acceptable: Type.Boolean({ description: 'The tenant policy alone decides; strength never overrides it' }),
  violations: Type.Array(Violation),
  strength: StrengthEstimate,
});

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 512 }),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    displayName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    roles: Type.Optional(Type.Array(Role, { maxItems: 3 })),
    password: Type.Optional(Password),
    temporary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Roles and status are checked per row by the import, so one bad row does not refuse the whole batch. */
export const ImportUserRow = Type.Object(
  {
    username: Type.String({ maxLength: 512 }),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    displayName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    roles: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 3 })),
    status: Type.Optional(Type.String({ maxLength: 16 })),
    password: Type.Optional(Password),
    passwordHash: Type.Optional(Type.String({ maxLength: 4096, description: 'A stored hash in a format of docs/hash-formats.md. Never returned or logged.' })),
    temporary: Type.Optional(Type.Boolean({ description: 'The password must be changed at the first log-in (default false)' })),
  },
  { additionalProperties: false },
);

export const ImportUsersBody = Type.Object({ users: Type.Array(ImportUserRow, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });

const ImportRowError = Type.Object({ code: Type.String(), detail: Type.String() }, { additionalProperties: true, description: 'As a problem: `violations` or `errors` when the code has them' });

export const ImportUsersResult = Type.Object({
  results: Type.Array(
    Type.Object({
      index: Type.Integer(),
      username: Type.String(),
      status: Type.Union([Type.Literal('created'), Type.Literal('skipped'), Type.Literal('failed')]),
      userId: Type.Optional(Type.String()),
      reason: Type.Optional(Type.Literal('exists')),
      error: Type.Optional(ImportRowError),
    }),
  ),
  created: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
});

export const UpdateUserBody = Type.Object(
  {
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    displayName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    roles: Type.Optional(Type.Array(Role, { maxItems: 3 })),
    status: Type.Optional(Status),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AdminSetPasswordBody = Type.Object(
  { newPassword: Password, temporary: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const UserIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const TenantIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 63 }) });

export const ListUsersQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), q: Type.Optional(Type.String({ maxLength: 128 })) },
  { additionalProperties: false },
);

export const UserPage = Type.Object({ items: Type.Array(User), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const AuditEvent = Type.Object({
  id: Type.String(),
  at: Timestamp,
  tenant: Type.String(),
  type: Type.String(),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorKind: Type.String(),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  dialect: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const AuditQuery = Type.Object(
  {
    userId: Type.Optional(Type.String({ maxLength: 64 })),
    type: Type.Optional(Type.String({ enum: [...AUDIT_EVENT_TYPES] })),
    since: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object({ items: Type.Array(AuditEvent), nextCursor: Type.Union([Type.String(), Type.Null()]) });

const LockoutPolicy = Type.Object(
  {
    freeFailures: Type.Optional(Type.Integer()),
    firstDelaySeconds: Type.Optional(Type.Integer()),
    maxDelaySeconds: Type.Optional(Type.Integer()),
    disableAfterFailures: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

export const PolicyPatch = Type.Object(
  {
    minLength: Type.Optional(Type.Integer()),
    maxLength: Type.Optional(Type.Integer()),
    rejectCommon: Type.Optional(Type.Boolean()),
    rejectContext: Type.Optional(Type.Boolean()),
    lockout: Type.Optional(LockoutPolicy),
    adminSetTemporaryByDefault: Type.Optional(Type.Boolean()),
    reauthenticationWindowSeconds: Type.Optional(Type.Integer()),
    breachCheck: Type.Optional(Type.Boolean()),
    historyDepth: Type.Optional(Type.Integer()),
    minAgeSeconds: Type.Optional(Type.Integer()),
    maxAgeDays: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    minStrengthScore: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** A tenant's Kii binding as presented: never the client secret or its hash. */
export const KiiBinding = Type.Object(
  { appId: Type.String(), appKey: Type.String(), clientId: Type.String() },
  { additionalProperties: false },
);

export const Tenant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  policy: Type.Object({}, { additionalProperties: true }),
  kii: Type.Optional(KiiBinding),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const KiiApplicationBody = Type.Object(
  {
    appId: Type.String({ minLength: 1, maxLength: 64 }),
    appKey: Type.String({ minLength: 1, maxLength: 128 }),
    clientId: Type.String({ minLength: 1, maxLength: 128 }),
    clientSecret: Type.String({ minLength: 16, maxLength: 256, description: '16 to 256 characters; stored only as a hash, never shown again.' }),
  },
  { additionalProperties: false, description: 'Binds the tenant to a Kii application (served under /api/apps/{appId}).' },
);

export const CreateTenantBody = Type.Object(
  {
    id: Type.String({ pattern: TENANT_ID_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    policy: Type.Optional(PolicyPatch),
    kii: Type.Optional(KiiApplicationBody),
  },
  { additionalProperties: false },
);

export const UpdateTenantBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), policy: Type.Optional(PolicyPatch) },
  { additionalProperties: false, minProperties: 1 },
);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    requestId: Type.String(),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
