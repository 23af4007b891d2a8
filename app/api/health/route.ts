// A trivial JSON route: liveness checks and the baseline for server benchmarks.
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ ok: true });
}
