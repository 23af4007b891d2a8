// Same-origin checks for form and account POSTs.
import "server-only";
import type { NextRequest } from "next/server";
import { ownOrigin } from "@/lib/request-origin.server";

/** Browsers send Origin or Sec-Fetch-Site on form POSTs; a request with neither carries no browser credentials. */
export function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) return origin !== "null" && origin === ownOrigin(request);
  const site = request.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}
