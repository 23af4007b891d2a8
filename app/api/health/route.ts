// Liveness: a trivial JSON route that touches nothing (the baseline for server benchmarks).
// Readiness, which checks the database, is /api/ready.
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ ok: true });
}
