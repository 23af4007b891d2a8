// Authors' pages and exports: an author's session or a Bearer token, else 404; wrong Bearer tokens are rate-limited.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { sessionOf } from "@/lib/accounts/sessions.server";
import { clientIp } from "@/lib/client-ip";
import { getEnv } from "@/lib/env.server";
import { charge, check } from "@/lib/rate-limit.server";
import { authorOf, isBearerAuthor, type Author } from "./auth.server";

export type AuthorCheck = { ok: true; author: Author | null } | { ok: false; retryAfterSeconds?: number };

type CookieJar = { get(name: string): { value: string } | undefined };

export async function checkAuthorRequest(cookieJar: CookieJar, headerStore: Pick<Headers, "get">): Promise<AuthorCheck> {
  const author = await authorOf(await sessionOf({ cookies: cookieJar }));
  if (author) return { ok: true, author };
  const authorization = headerStore.get("authorization");
  if (!authorization || getEnv().AUTHOR_TOKEN === undefined) return { ok: false };
  const key = `ip:${clientIp(headerStore)}`;
  const limit = await check("authorToken", key);
  if (!limit.ok) return limit; // not even a right token is checked
  if (isBearerAuthor(authorization)) return { ok: true, author: null };
  await charge("authorToken", key);
  return { ok: false };
}

export async function checkAuthor(): Promise<AuthorCheck> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return checkAuthorRequest(cookieStore, headerStore);
}

/** The signed-in author (null for a Bearer script), or a 404. */
export async function requireAuthor(): Promise<Author | null> {
  const result = await checkAuthor();
  if (!result.ok) notFound();
  return result.author;
}
