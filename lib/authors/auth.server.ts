// Who may read the authors' area (decision 0176): an account with the author role (granted by
// `npm run authors:grant`), or a session that presented AUTHOR_TOKEN while it stays unchanged;
// scripts send AUTHOR_TOKEN as a Bearer.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { createSession, currentAuthorBinding, type SignedIn } from "@/lib/accounts/sessions.server";
import { db } from "@/lib/db.server";
import { getEnv } from "@/lib/env.server";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time comparison (hashing first makes the lengths equal). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function checkToken(candidate: string): boolean {
  const token = getEnv().AUTHOR_TOKEN;
  return token !== undefined && sameSecret(candidate, token);
}

/** True for an `Authorization: Bearer <token>` header with the right token (for scripts). */
export function isBearerAuthor(authorization: string | null): boolean {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  return bearer !== undefined && checkToken(bearer);
}

export type Author = { name: string; via: "role" | "token" };

/** The author a signed-in session belongs to, or null. */
export async function authorOf(session: SignedIn | null): Promise<Author | null> {
  if (!session) return null;
  const account = await db.learner.findUnique({ where: { id: session.learnerId }, select: { accountName: true, role: true } });
  if (!account) return null;
  const name = account.accountName ?? "Learner";
  if (account.role === "author") return { name, via: "role" };
  // sessionOf has already ended sessions bound to an earlier token.
  return session.authorBinding !== null ? { name, via: "token" } : null;
}

/**
 * A right AUTHOR_TOKEN presented by a signed-in session: the session is replaced by a new one
 * bound to the token (a privilege change gets a new id), which ends when the token changes.
 */
export async function presentToken(session: SignedIn, userAgent: string | null): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: session.sessionId } });
    return createSession(tx, session.learnerId, userAgent, currentAuthorBinding());
  });
}

/** Gives an account the author role, or takes it back (`npm run authors:grant`). */
export async function setAuthorRole(account: string, author: boolean): Promise<{ ok: true; name: string } | { ok: false; error: string }> {
  const matches = await db.learner.findMany({
    where: { accountCreatedAt: { not: null }, OR: [{ id: account }, { accountName: account }] },
    select: { id: true, accountName: true },
    take: 2,
  });
  if (matches.length === 0) return { ok: false, error: `No account has the id or name "${account}".` };
  if (matches.length > 1)
    return { ok: false, error: `More than one account is named "${account}": give its id (shown on its /account page export).` };
  const [match] = matches;
  await db.learner.update({ where: { id: match!.id }, data: { role: author ? "author" : null }, select: { id: true } });
  return { ok: true, name: match!.accountName ?? match!.id };
}
