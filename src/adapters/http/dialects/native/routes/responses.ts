import { Problem } from '../schemas.js';

/** OpenAPI response entries for the problem statuses a route can answer. */
export function errorResponses(...statuses: number[]): Record<number, typeof Problem> {
  return Object.fromEntries([...statuses, 500].map((status) => [status, Problem]));
}
