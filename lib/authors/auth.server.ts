// The authors' area is guarded by AUTHOR_TOKEN (no default: unset means the area does not exist).
// Signing in stores an HMAC of the token in an httpOnly cookie, never the token itself.
import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env.server";

export const AUTHOR_COOKIE = "lbr_author";
const SESSION_LABEL = "lbr-author-session-v1";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time comparison (hashing first makes the lengths equal). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function authorsEnabled(): boolean {
  return getEnv().AUTHOR_TOKEN !== undefined;
}

export function checkToken(candidate: string): boolean {
  const token = getEnv().AUTHOR_TOKEN;
  return token !== undefined && sameSecret(candidate, token);
}

/** The cookie value for a signed-in author; changes when the token changes. */
export function sessionValue(): string | null {
  const token = getEnv().AUTHOR_TOKEN;
  return token === undefined ? null : createHmac("sha256", token).update(SESSION_LABEL).digest("hex");
}

/** True for a valid session cookie or an `Authorization: Bearer <token>` header (for scripts). */
export function isAuthor(cookieValue: string | undefined, authorization: string | null): boolean {
  const session = sessionValue();
  if (session === null) return false;
  if (cookieValue && sameSecret(cookieValue, session)) return true;
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  return bearer !== undefined && checkToken(bearer);
}
