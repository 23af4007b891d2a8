// The anonymous learner: ids minted and signed by the server, read back from the cookie.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { clientIp } from "@/lib/client-ip";
import { db } from "@/lib/db.server";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db-errors";
import { take } from "@/lib/rate-limit.server";
import { learnerSecret } from "@/lib/secrets.server";
import { LEARNER_COOKIE, learnerCookieAttributes } from "./cookie";
import { signLearnerId, verifyLearnerCookie } from "./sign";

export type LearnerFromRequest = { kind: "known"; id: string } | { kind: "none" } | { kind: "invalid"; message: string };

/** Verifies the learner cookie's signature: a cookie the server did not issue is not a learner. */
export async function readLearner(request: NextRequest): Promise<LearnerFromRequest> {
  const raw = request.cookies.get(LEARNER_COOKIE)?.value;
  if (raw === undefined || raw === "") return { kind: "none" };
  const checked = verifyLearnerCookie(await learnerSecret(), raw);
  return checked.ok ? { kind: "known", id: checked.id } : { kind: "invalid", message: checked.message };
}

/** A fresh learner id and its signed cookie value (nothing stored until the first write). */
export async function mintLearner(): Promise<{ id: string; cookie: string }> {
  const id = randomUUID();
  return { id, cookie: signLearnerId(await learnerSecret(), id) };
}

/** Learner ids this process has seen stored (a cache: a miss only costs one lookup). */
const stored = new Set<string>();
function remember(id: string) {
  if (stored.size >= 100_000) stored.clear();
  stored.add(id);
}

export async function isStoredLearner(id: string): Promise<boolean> {
  if (stored.has(id)) return true;
  const found = await db.learner.findUnique({ where: { id }, select: { id: true } });
  if (found) remember(id);
  return found !== null;
}

/**
 * Runs a write route's handler with the learner's row there when it writes (every write route
 * runs in this, lib/api/route.server.ts; nothing else stores the row). The handler runs first: a
 * write for a learner without a row is refused by the database (a foreign key, nothing written),
 * then the row is stored and the handler runs once more. So refused input stores nothing. An
 * answer that succeeded without writing stores the row too, for writes made after it (a stream).
 */
export async function withLearnerRow<R extends Response>(id: string, handle: () => Promise<R>): Promise<R> {
  let response: R;
  try {
    response = await handle();
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    stored.delete(id);
    await ensureLearner(id);
    return handle();
  }
  if (response.ok && !stored.has(id)) await ensureLearner(id);
  return response;
}

/** Stores the learner's row unless it is there already (a concurrent insert of the same id is fine). */
async function ensureLearner(id: string): Promise<void> {
  try {
    await db.learner.create({ data: { id }, select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  remember(id);
}

/** A first write by a learner not stored yet counts against the client IP's new-learner limit. */
export async function takeNewLearner(request: NextRequest) {
  return take("newLearner", [`ip:${clientIp(request.headers)}`]);
}

export function setLearnerCookie(response: NextResponse, cookie: string, request: NextRequest) {
  response.cookies.set(LEARNER_COOKIE, cookie, learnerCookieAttributes(request.nextUrl.protocol === "https:"));
}

/** A cookie we did not issue is cleared so the browser's next read gets a real one. */
export function clearLearnerCookie(response: NextResponse) {
  response.cookies.set(LEARNER_COOKIE, "", { path: "/", maxAge: 0 });
}
