// Shared guard for authors' pages and exports: signed in, or nothing exists (404).
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { AUTHOR_COOKIE, isAuthor } from "./auth.server";

export async function requireAuthor(): Promise<void> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  if (!isAuthor(cookieStore.get(AUTHOR_COOKIE)?.value, headerStore.get("authorization"))) notFound();
}
