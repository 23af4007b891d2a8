// Readiness: 503 with Retry-After while the database is unreachable or the process stops.
import { NextResponse } from "next/server";
import { db } from "@/lib/db.server";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { log } from "@/lib/log.server";

export const dynamic = "force-dynamic";

const CHECK_TIMEOUT_MS = 3_000;

const notReady = (reason: string) =>
  NextResponse.json({ ok: false, reason }, { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } });

export async function GET() {
  if ((globalThis as Record<symbol, unknown>)[Symbol.for("learn-by-running.shuttingDown")]) return notReady("shutting down");
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error("timeout exceeded when trying to connect")), CHECK_TIMEOUT_MS)),
      ),
    ]);
    return NextResponse.json({ ok: true, database: "up" }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) log.error({ err: error }, "readiness check failed");
    return notReady("database unavailable");
  } finally {
    clearTimeout(timer);
  }
}
