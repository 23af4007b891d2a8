// The one Prisma client, on the driver adapter for the configured provider, and the database
// handles the shared rate limits use (the same pg pool; a second SQLite connection to the file).
import "server-only";
import path from "node:path";
import type { Pool } from "pg";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { isSqliteBusy } from "./db-errors";
import { getEnv } from "./env.server";
import { log } from "./log.server";

type Handles = { prisma: PrismaClient; pool?: Pool; sqlite?: BetterSqlite3.Database };
const globalForDb = globalThis as unknown as { lbrDb?: Handles };

/**
 * How long a writer waits inside SQLite for another connection's write lock before SQLITE_BUSY.
 * Short on purpose: SQLite sleeps in the calling thread, so a long wait would freeze the whole
 * process (and could wait for a transaction of this very process that cannot finish meanwhile).
 * Longer waits happen in retryBusy, between attempts, with the event loop free.
 */
const SQLITE_BUSY_TIMEOUT_MS = 10;

/** The SQLite file a `file:` URL names (relative to the working directory, like Prisma). */
export function sqliteFile(url: string): string {
  const [file = ""] = url.replace(/^file:/, "").split("?");
  return path.resolve(file);
}

function createHandles(): Handles {
  const { DATABASE_PROVIDER, DATABASE_URL, DATABASE_POOL_SIZE } = getEnv();
  if (DATABASE_PROVIDER === "postgresql") {
    // Loaded lazily so an SQLite deployment never needs pg, and vice versa.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
    const pg = require("pg") as typeof import("pg");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
    const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
    // Fail fast while the database is down (503 to the client) instead of queueing for ever.
    const pool = new pg.Pool({
      connectionString: DATABASE_URL,
      max: DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    // An idle connection dropped by a server restart must not crash the process.
    pool.on("error", (error) => log.warn({ err: error }, "idle database connection closed"));
    return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
  const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3") as typeof import("@prisma/adapter-better-sqlite3");
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: DATABASE_URL, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
  // WAL (set by the migrations) with synchronous=NORMAL: no fsync per commit, still crash-safe
  // for the application; only an OS crash or power cut can lose the last commits.
  void prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch((e: unknown) => log.error({ err: e }, "PRAGMA synchronous failed"));
  return { prisma };
}

const handles: Handles = globalForDb.lbrDb ?? createHandles();
/** Kept on globalThis so hot reloads in development reuse one connection. */
globalForDb.lbrDb = handles;

export const db: PrismaClient = handles.prisma;

/** The pg pool Prisma uses (PostgreSQL only): shared with the rate limiter, one pool per process. */
export function pgPool(): Pool {
  if (!handles.pool) throw new Error("pgPool() needs DATABASE_PROVIDER=postgresql");
  return handles.pool;
}

/** A plain better-sqlite3 connection to the same file (SQLite only), for the rate limiter. */
export function sqliteConnection(): BetterSqlite3.Database {
  if (!handles.sqlite) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
    const Database = require("better-sqlite3") as typeof import("better-sqlite3");
    handles.sqlite = new Database(sqliteFile(getEnv().DATABASE_URL), { timeout: SQLITE_BUSY_TIMEOUT_MS });
    handles.sqlite.pragma("synchronous = NORMAL"); // as for Prisma's connection: no fsync per commit in WAL
  }
  return handles.sqlite;
}

/**
 * Runs a write again when SQLite reports another connection's write lock (SQLITE_BUSY) past the
 * busy timeout, e.g. several app processes on one file: backing off 5, 10, 20 … 100 ms (about
 * 5 s in all) without blocking. The write is all-or-nothing, so a retry is safe.
 */
export async function retryBusy<T>(write: () => Promise<T>, attempts = 60): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (error) {
      if (i >= attempts || getEnv().DATABASE_PROVIDER !== "sqlite" || !isSqliteBusy(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.min(100, 5 * 2 ** (i - 1)) * (0.5 + Math.random())));
    }
  }
}

/** Closes the pool and connections (graceful shutdown; scripts/serve.mjs calls it through globalThis). */
export async function closeDb(): Promise<void> {
  await handles.prisma.$disconnect().catch(() => {});
  handles.sqlite?.close();
  if (handles.pool && !handles.pool.ended) await handles.pool.end().catch(() => {});
}
(globalThis as Record<symbol, unknown>)[Symbol.for("learn-by-running.closeDb")] = closeDb;
