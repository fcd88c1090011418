import { Type } from 'typebox';

/**
 * Documentation only: the route checks its body by hand so that failures come out in the product's
 * shape and order, and serialises errors as they are. These schemas feed /openapi.json.
 */
export const UserPasswordUpdateRequest = Type.Object(
  {
    oldPassword: Type.Union([Type.String(), Type.Null()], { description: "The old user's password (in plaintext) or null if it was never set." }),
    newPassword: Type.String({ description: "The new user's password (in plaintext)." }),
  },
  { description: 'User password update request.', additionalProperties: false },
);

export const OnezoneErrorBody = Type.Object(
  {
    error: Type.Object({
      id: Type.String({ description: 'e.g. unauthorized, malformedData, missingRequiredValue, badValueString, badValuePassword' }),
      description: Type.String(),
      details: Type.Optional(Type.Object({}, { additionalProperties: true })),
    }),
  },
  { description: 'Object describing an error.' },
);

/** OpenAPI response entries for the statuses the route can answer. */
export function onezoneErrors(...statuses: number[]): Record<number, typeof OnezoneErrorBody> {
  return Object.fromEntries([...statuses, 500].map((status) => [status, OnezoneErrorBody]));
}
