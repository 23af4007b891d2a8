// Same-origin checks for state-changing forms (author sign-in and sign-out): a page on another
// site cannot submit them with the author's cookie.
import "server-only";
import type { NextRequest } from "next/server";
import { getEnv } from "@/lib/env.server";

/** The origin the browser used: Host (and X-Forwarded-Proto behind a trusted proxy). */
function ownOrigin(request: NextRequest): string | null {
  const host = request.headers.get("host");
  if (!host) return null;
  const forwarded = getEnv().TRUST_PROXY === "1" ? request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : request.nextUrl.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/**
 * Browsers send Origin (and Sec-Fetch-Site) on every form POST: refuse one from another origin.
 * A request with neither (a script, curl) carries no ambient browser credentials to abuse.
 */
export function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) return origin !== "null" && origin === ownOrigin(request);
  const site = request.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}
