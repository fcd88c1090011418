/** Name of the session cookie set by log-in and by a successful change [ours]. */
export const SESSION_COOKIE = 'ua_session';

/**
 * `Set-Cookie` for a session: HttpOnly, SameSite=Strict, Path=/, Max-Age until the session ends, and
 * Secure when the service is published over https. The token is URL-safe, so it needs no encoding.
 */
export function sessionCookie(token: string, expiresAt: Date, now: Date, publicUrl: string): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  const secure = publicUrl.toLowerCase().startsWith('https://') ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
}
