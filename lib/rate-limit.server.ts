// In-memory sliding-window rate limits (per process), e.g. 10 feedback writes a minute per key.
// A deployment with several server processes would move this to a shared store.
import "server-only";

export type Limit = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one hit for every key, unless any key is over its limit (then records nothing). */
  take(keys: string[]): Limit {
    const t = this.now();
    this.sweep(t);
    let retryAfterMs = 0;
    const recent = keys.map((key) => {
      const list = (this.hits.get(key) ?? []).filter((at) => t - at < this.windowMs);
      if (list.length >= this.max) retryAfterMs = Math.max(retryAfterMs, list[0] + this.windowMs - t);
      return [key, list] as const;
    });
    if (retryAfterMs > 0) return { ok: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
    for (const [key, list] of recent) this.hits.set(key, [...list, t]);
    return { ok: true };
  }

  /** Drops idle keys now and then so memory stays bounded by recent traffic. */
  private sweep(t: number) {
    if (t - this.lastSweep < this.windowMs) return;
    this.lastSweep = t;
    for (const [key, list] of this.hits) if (!list.some((at) => t - at < this.windowMs)) this.hits.delete(key);
  }
}

/** The client address: the last X-Forwarded-For entry (added by our own server, not the client). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last || headers.get("x-real-ip") || "unknown";
}
