// Shared guard for authors' pages and exports: signed in, or nothing exists (404). Bearer tokens
// are for scripts; wrong ones count against the client address's token-guessing limit.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { clientIp } from "@/lib/client-ip";
import { charge, check } from "@/lib/rate-limit.server";
import { AUTHOR_COOKIE, authorsEnabled, isBearerAuthor, isSession } from "./auth.server";

export type AuthorCheck = { ok: true } | { ok: false; retryAfterSeconds?: number };

/** The check itself, from the session cookie and the request headers (pages and the proxy). */
export async function checkAuthorRequest(sessionCookie: string | undefined, headerStore: Pick<Headers, "get">): Promise<AuthorCheck> {
  if (await isSession(sessionCookie)) return { ok: true };
  const authorization = headerStore.get("authorization");
  if (!authorization || !authorsEnabled()) return { ok: false };
  const key = `ip:${clientIp(headerStore)}`;
  const limit = await check("authorToken", key);
  if (!limit.ok) return limit; // over the limit: not even a right token is checked
  if (isBearerAuthor(authorization)) return { ok: true };
  await charge("authorToken", key);
  return { ok: false };
}

/** The check for the request being served (pages and route handlers). */
export async function checkAuthor(): Promise<AuthorCheck> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return checkAuthorRequest(cookieStore.get(AUTHOR_COOKIE)?.value, headerStore);
}

export async function requireAuthor(): Promise<void> {
  if (!(await checkAuthor()).ok) notFound();
}
