// The one Prisma client, on the driver adapter for the configured provider.
import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { getEnv } from "./env.server";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  const { DATABASE_PROVIDER, DATABASE_URL } = getEnv();
  if (DATABASE_PROVIDER === "postgresql") {
    // Loaded lazily so an SQLite deployment never needs pg, and vice versa.
    const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL }) });
  }
  const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3") as typeof import("@prisma/adapter-better-sqlite3");
  // timeout: how long a writer waits for another writer's lock before SQLITE_BUSY.
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: DATABASE_URL, timeout: 10_000 }) });
  // WAL (set by the migrations) with synchronous=NORMAL: no fsync per commit, still crash-safe
  // for the application; only an OS crash or power cut can lose the last commits.
  void client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch((e: unknown) => console.error("PRAGMA synchronous failed", e));
  return client;
}

/** Kept on globalThis so hot reloads in development reuse one connection. */
export const db: PrismaClient = globalForDb.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.prisma = db;
