// The one Prisma client, on the driver adapter for the configured provider, and the database
// handles the shared rate limits use (the same pg pool; a second SQLite connection to the file).
import "server-only";
import path from "node:path";
import type { Pool } from "pg";
import type BetterSqlite3 from "better-sqlite3";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { PrismaClient } from "@/generated/prisma/client";
import { gatedSqliteAdapter, TransactionGate } from "./db/transaction-gate";
import { whileBusy } from "./db/busy";
import { getEnv } from "./env.server";
import { log } from "./log.server";

type Handles = { prisma: PrismaClient; pool?: Pool; sqlite?: BetterSqlite3.Database; gate?: TransactionGate };
const globalForDb = globalThis as unknown as { lbrDb?: Handles };

/**
 * How long a writer waits inside SQLite for another connection's write lock before SQLITE_BUSY.
 * Short on purpose: SQLite sleeps in the calling thread, freezing the process. Longer waits
 * happen in lib/db/busy.ts, between attempts, with the event loop free.
 */
const SQLITE_BUSY_TIMEOUT_MS = 10;

/** The SQLite file a `file:` URL names (relative to the working directory, like Prisma). */
export function sqliteFile(url: string): string {
  const [file = ""] = url.replace(/^file:/, "").split("?");
  return path.resolve(/* turbopackIgnore: true */ file); // a file named at run time, not a module to trace
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
  // Gated: a query from outside an open transaction must not run inside it (lib/db/transaction-gate.ts).
  const gate = new TransactionGate();
  const adapter = gatedSqliteAdapter(new PrismaBetterSqlite3({ url: DATABASE_URL, timeout: SQLITE_BUSY_TIMEOUT_MS }), gate);
  // A transaction may wait out another process's write lock (~5 s, lib/db/busy.ts) before it starts.
  const prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000 } });
  // WAL (set by the migrations) with synchronous=NORMAL: no fsync per commit, still crash-safe
  // for the application; only an OS crash or power cut can lose the last commits.
  // `next build` imports this module while it collects the (static) pages but never queries, and
  // the database may not exist yet: nothing to tune then (it logged a failure in every build).
  if (process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD)
    void prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch((e: unknown) => log.error({ err: e }, "PRAGMA synchronous failed"));
  return { prisma, gate };
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

/**
 * Runs a statement on the rate limiter's own SQLite connection once this process has no Prisma
 * transaction open (that one holds the write lock this one would wait for), waiting out other
 * processes' locks. PostgreSQL: runs at once.
 */
export function outsideTransactions<T>(work: () => Promise<T>): Promise<T> {
  const gate = handles.gate;
  return gate ? whileBusy(() => gate.plain(work)) : work();
}

/** A plain better-sqlite3 connection to the same file (SQLite only), for the rate limiter. */
export function sqliteConnection(): BetterSqlite3.Database {
  if (!handles.sqlite) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
    const Database = require("better-sqlite3") as typeof import("better-sqlite3");
    handles.sqlite = new Database(sqliteFile(getEnv().DATABASE_URL), { timeout: SQLITE_BUSY_TIMEOUT_MS });
    handles.sqlite.pragma("synchronous = NORMAL"); // as for Prisma's connection: no fsync per commit in WAL
    reusePreparedStatements(handles.sqlite);
  }
  return handles.sqlite;
}

/**
 * The rate limiter prepares its few statements anew on every call; compiling them once halves
 * its CPU per charge (about 110 → 58 µs per charge measured here; decision 0140). Safe because every
 * user of this connection runs statements to completion (`get`/`run`, never a live iterator).
 */
function reusePreparedStatements(connection: BetterSqlite3.Database) {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, BetterSqlite3.Statement>();
  connection.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = prepare(sql)));
    return statement;
  }) as BetterSqlite3.Database["prepare"];
}

/** Closes the pool and connections (graceful shutdown; scripts/serve.mjs calls it through globalThis). */
export async function closeDb(): Promise<void> {
  await handles.prisma.$disconnect().catch(() => {});
  handles.sqlite?.close();
  if (handles.pool && !handles.pool.ended) await handles.pool.end().catch(() => {});
}
(globalThis as Record<symbol, unknown>)[Symbol.for("learn-by-running.closeDb")] = closeDb;
