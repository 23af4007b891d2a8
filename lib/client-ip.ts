// The client address a rate limit is keyed by.

/** The last X-Forwarded-For entry: set by scripts/serve.mjs or the trusted proxy, never the client. */
export function clientIp(headers: Pick<Headers, "get">): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  return subnetKey(last || headers.get("x-real-ip") || "unknown");
}

/** One key per IPv6 /64 (one host can pick any address in it); IPv4, also IPv4-mapped, as itself. */
export function subnetKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.toLowerCase().replace(/%.*$/, "").split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  if (tail !== undefined) while (left.length + right.length < 8) left.push("0");
  const groups = [...left, ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
