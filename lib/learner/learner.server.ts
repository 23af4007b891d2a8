// The anonymous learner: ids minted and signed by the server, read back from the cookie.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { clientIp } from "@/lib/client-ip";
import { db, retryBusy } from "@/lib/db.server";
import { isForeignKeyViolation } from "@/lib/db-errors";
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
 * Runs a write that needs the learner's row. A learner this process has seen stored (every
 * write checks, see isStoredLearner) is written at once: one statement fewer per write (each
 * costs ~1–2 ms of Prisma CPU here). Should that row have gone missing since, the database
 * refuses the write (a foreign key), and the learner is stored and the write tried once more.
 * A learner not seen stored is stored first, as before.
 */
export async function withLearnerRow<T>(id: string, write: () => Promise<T>): Promise<T> {
  if (stored.has(id)) {
    try {
      return await write();
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
    }
  }
  await ensureLearner(id);
  return write();
}

/** Records the learner's row if it is not there yet (before its first write; always checked). */
async function ensureLearner(id: string): Promise<void> {
  await retryBusy(() => db.learner.upsert({ where: { id }, create: { id }, update: {}, select: { id: true } }));
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
