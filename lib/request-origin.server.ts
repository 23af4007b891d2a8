// The origin a browser addressed a request to (the scheme from X-Forwarded-Proto only behind a trusted proxy).
import "server-only";
import type { NextRequest } from "next/server";
import { getEnv } from "@/lib/env.server";

export function ownOrigin(request: Pick<NextRequest, "headers" | "nextUrl">): string | null {
  const host = request.headers.get("host");
  if (!host) return null;
  const forwarded = getEnv().TRUST_PROXY === "1" ? request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : request.nextUrl.protocol.replace(":", "");
  return `${proto}://${host}`;
}
