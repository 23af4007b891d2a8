// The authors' area is guarded by AUTHOR_TOKEN (no default: unset means the area does not exist).
// Signing in creates a random session id kept server-side (only its hash is stored) with an
// expiry; the cookie holds the id; signing out deletes it, so a copied cookie stops working.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db.server";
import { getEnv } from "@/lib/env.server";

export const AUTHOR_COOKIE = "lbr_author";
export const SESSION_SECONDS = 60 * 60 * 8;

const digest = (value: string) => createHash("sha256").update(value).digest();
/** The stored key binds the session to the token: a new AUTHOR_TOKEN ends every earlier session. */
const stored = (sessionId: string) => digest(`lbr-author-session:${getEnv().AUTHOR_TOKEN ?? ""}:${sessionId}`).toString("hex");

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

/** A new session: its random id for the cookie (the database keeps only a hash of it). */
export async function createSession(): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db.authorSession.create({ data: { id: stored(id), expiresAt: new Date(now + SESSION_SECONDS * 1000) }, select: { id: true } });
  // Expired sessions are swept now and then (sign-ins are rare).
  await db.authorSession.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  return id;
}

export async function endSession(sessionId: string | undefined): Promise<void> {
  if (!sessionId || sessionId.length > 100) return;
  await db.authorSession.deleteMany({ where: { id: stored(sessionId) } });
}

/** Signs every author out, on every device. */
export async function endAllSessions(): Promise<void> {
  await db.authorSession.deleteMany({});
}

export async function isSession(sessionId: string | undefined): Promise<boolean> {
  if (!authorsEnabled() || !sessionId || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return false;
  const row = await db.authorSession.findUnique({ where: { id: stored(sessionId) }, select: { expiresAt: true } });
  return row !== null && row.expiresAt.getTime() > Date.now();
}

/** True for an `Authorization: Bearer <token>` header with the right token (for scripts). */
export function isBearerAuthor(authorization: string | null): boolean {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  return bearer !== undefined && checkToken(bearer);
}
