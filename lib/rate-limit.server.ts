// Rate limits shared by every app process, in the database (decision 0140).
import "server-only";
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { outsideTransactions, pgPool, sqliteConnection } from "@/lib/db.server";
import type { Env } from "@/lib/env";
import { getEnv } from "@/lib/env.server";
import { log } from "@/lib/log.server";

export type Limit = { ok: true } | { ok: false; retryAfterSeconds: number };

const LIMITS = {
  feedback: "RATE_LIMIT_PER_MINUTE",
  ask: "RATE_LIMIT_PER_MINUTE",
  quiz: "QUIZ_RATE_LIMIT_PER_MINUTE",
  progress: "PROGRESS_RATE_LIMIT_PER_MINUTE",
  newLearner: "NEW_LEARNERS_PER_MINUTE",
  authorToken: "AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE",
  signIn: "SIGN_IN_ATTEMPTS_PER_MINUTE",
} as const satisfies Record<string, keyof Env>;
export type LimitName = keyof typeof LIMITS;

const WINDOW_SECONDS = 60;
const TABLE = "rate_limits"; // created by the migrations

function createStore(name: LimitName): RateLimiterAbstract {
  const env = getEnv();
  const options = { keyPrefix: name, points: env[LIMITS[name]], duration: WINDOW_SECONDS, tableName: TABLE, tableCreated: true };
  if (env.DATABASE_PROVIDER === "postgresql") {
    return new RateLimiterPostgres({ ...options, storeClient: pgPool(), storeType: "pool", clearExpiredByTimeout: true });
  }
  // The library's own SQLite sweep rejects unhandled on SQLITE_BUSY; ours waits the lock out.
  const store = new RateLimiterSQLite({
    ...options,
    storeClient: sqliteConnection(),
    storeType: "better-sqlite3",
    clearExpiredByTimeout: false,
  });
  const sweepable = store as unknown as { clearExpired(olderThanMs: number): Promise<void> }; // untyped in the library
  sweeper ??= setInterval(() => {
    outsideTransactions(() => sweepable.clearExpired(Date.now() - 3_600_000)).catch((error: unknown) =>
      log.warn({ err: error }, "rate-limit cleanup failed"),
    );
  }, 5 * 60_000).unref();
  return store;
}
let sweeper: NodeJS.Timeout | undefined;

const stores = new Map<LimitName, RateLimiterAbstract>();
const store = (name: LimitName) => stores.get(name) ?? stores.set(name, createStore(name)).get(name)!;

const refused = (ms: number): Limit => ({ ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

/** Refused when any key is over; a store failure throws (503). */
export async function take(name: LimitName, keys: string[]): Promise<Limit> {
  const results = await Promise.allSettled(keys.map((key) => outsideTransactions(() => store(name).consume(key))));
  let waitMs = -1;
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
    waitMs = Math.max(waitMs, r.reason.msBeforeNext);
  }
  return waitMs < 0 ? { ok: true } : refused(waitMs);
}

/** Checks a key without charging it (e.g. before checking a token). */
export async function check(name: LimitName, key: string): Promise<Limit> {
  const current = await outsideTransactions(() => store(name).get(key));
  return current && current.consumedPoints >= store(name).points ? refused(current.msBeforeNext) : { ok: true };
}

/** Charges a failure (e.g. a wrong token); never refused. */
export async function charge(name: LimitName, key: string): Promise<void> {
  await outsideTransactions(() => store(name).consume(key)).catch((e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e;
  });
}
