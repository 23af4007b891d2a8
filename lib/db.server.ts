// The one Prisma client, and the connections the rate limiter shares with it.
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

/** Short: SQLite's busy wait blocks the thread (decision 0141). */
const SQLITE_BUSY_TIMEOUT_MS = 10;

export function sqliteFile(url: string): string {
  const [file = ""] = url.replace(/^file:/, "").split("?");
  return path.resolve(/* turbopackIgnore: true */ file);
}

function createHandles(): Handles {
  const { DATABASE_PROVIDER, DATABASE_URL, DATABASE_POOL_SIZE } = getEnv();
  if (DATABASE_PROVIDER === "postgresql") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
    const pg = require("pg") as typeof import("pg");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
    const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
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
  // Gated: decision 0114.
  const gate = new TransactionGate();
  const adapter = gatedSqliteAdapter(new PrismaBetterSqlite3({ url: DATABASE_URL, timeout: SQLITE_BUSY_TIMEOUT_MS }), gate);
  // BEGIN may wait out another process's write lock (~5 s, lib/db/busy.ts).
  const prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000 } });
  // No fsync per commit (WAL); `next build` may have no database (decision 0141).
  if (process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD)
    void prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch((e: unknown) => log.error({ err: e }, "PRAGMA synchronous failed"));
  return { prisma, gate };
}

const handles: Handles = globalForDb.lbrDb ?? createHandles();
// Reused across hot reloads in development.
globalForDb.lbrDb = handles;

export const db: PrismaClient = handles.prisma;

export function pgPool(): Pool {
  if (!handles.pool) throw new Error("pgPool() needs DATABASE_PROVIDER=postgresql");
  return handles.pool;
}

/** SQLite: waits for this process's open transaction and out other processes' locks. */
export function outsideTransactions<T>(work: () => Promise<T>): Promise<T> {
  const gate = handles.gate;
  return gate ? whileBusy(() => gate.plain(work)) : work();
}

export function sqliteConnection(): BetterSqlite3.Database {
  if (!handles.sqlite) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: one provider never loads the other's driver
    const Database = require("better-sqlite3") as typeof import("better-sqlite3");
    handles.sqlite = new Database(sqliteFile(getEnv().DATABASE_URL), { timeout: SQLITE_BUSY_TIMEOUT_MS });
    handles.sqlite.pragma("synchronous = NORMAL");
    reusePreparedStatements(handles.sqlite);
  }
  return handles.sqlite;
}

/** Compiles the limiter's statements once (decision 0140); no user keeps a live iterator. */
function reusePreparedStatements(connection: BetterSqlite3.Database) {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, BetterSqlite3.Statement>();
  connection.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = prepare(sql)));
    return statement;
  }) as BetterSqlite3.Database["prepare"];
}

/** Called by scripts/serve.mjs through globalThis. */
export async function closeDb(): Promise<void> {
  await handles.prisma.$disconnect().catch(() => {});
  handles.sqlite?.close();
  if (handles.pool && !handles.pool.ended) await handles.pool.end().catch(() => {});
}
(globalThis as Record<symbol, unknown>)[Symbol.for("learn-by-running.closeDb")] = closeDb;
