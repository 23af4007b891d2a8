// Rate limits kept in the database every app process shares (rate-limiter-flexible's SQLite and
// PostgreSQL stores, table rate_limits): a limit of 10 a minute is 10 in total however many
// processes serve the app. Fixed one-minute windows per key.
import "server-only";
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { outsideTransactions, pgPool, sqliteConnection } from "@/lib/db.server";
import type { Env } from "@/lib/env";
import { getEnv } from "@/lib/env.server";
import { log } from "@/lib/log.server";

export type Limit = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Each limit, and the variable that sets its number per minute. */
const LIMITS = {
  feedback: "RATE_LIMIT_PER_MINUTE",
  ask: "RATE_LIMIT_PER_MINUTE",
  quiz: "QUIZ_RATE_LIMIT_PER_MINUTE",
  progress: "PROGRESS_RATE_LIMIT_PER_MINUTE",
  newLearner: "NEW_LEARNERS_PER_MINUTE",
  authorToken: "AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE",
} as const satisfies Record<string, keyof Env>;
export type LimitName = keyof typeof LIMITS;

const WINDOW_SECONDS = 60;
const TABLE = "rate_limits"; // created by the migrations (prisma/models/rate-limit.prisma)

function createStore(name: LimitName): RateLimiterAbstract {
  const env = getEnv();
  const options = { keyPrefix: name, points: env[LIMITS[name]], duration: WINDOW_SECONDS, tableName: TABLE, tableCreated: true };
  if (env.DATABASE_PROVIDER === "postgresql") {
    // The library deletes rows expired an hour ago every 5 minutes (and ignores failures).
    return new RateLimiterPostgres({ ...options, storeClient: pgPool(), storeType: "pool", clearExpiredByTimeout: true });
  }
  // Its SQLite cleanup would reject unhandled on SQLITE_BUSY, so ours runs it with retries.
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

/**
 * Charges one request to every key (e.g. the IP and the learner); refused when any key is over.
 * A store failure (database down) is thrown, so the caller answers 503 like any database error.
 */
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

/** Whether a key is already over its limit, without charging it (e.g. before checking a token). */
export async function check(name: LimitName, key: string): Promise<Limit> {
  const current = await outsideTransactions(() => store(name).get(key));
  return current && current.consumedPoints >= store(name).points ? refused(current.msBeforeNext) : { ok: true };
}

/** Charges one failure to a key (e.g. a wrong token); over the limit is not an error here. */
export async function charge(name: LimitName, key: string): Promise<void> {
  await outsideTransactions(() => store(name).consume(key)).catch((e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e;
  });
}
