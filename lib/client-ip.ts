// The client address a rate limit is keyed by.

/**
 * The last X-Forwarded-For entry: scripts/serve.mjs sets it from the socket, or (TRUST_PROXY=1)
 * the reverse proxy appends the address it saw, so a client cannot choose it.
 */
export function clientIp(headers: Pick<Headers, "get">): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  return last || headers.get("x-real-ip") || "unknown";
}
