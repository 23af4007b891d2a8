// Liveness: touches nothing (the benchmarks' baseline); readiness is /api/ready.
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ ok: true });
}
