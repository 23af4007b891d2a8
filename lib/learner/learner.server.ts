// Reads the anonymous learner from a request, and creates one on the first write.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { clientIp } from "@/lib/client-ip";
import { db, retryBusy } from "@/lib/db.server";
import { tooManyRequests } from "@/lib/http.server";
import { take } from "@/lib/rate-limit.server";
import { LEARNER_COOKIE, learnerCookieAttributes, learnerIdSchema } from "./cookie";

export type LearnerFromRequest =
  | { kind: "known"; id: string }
  | { kind: "none" }
  | { kind: "invalid"; message: string };

/** Parses the learner cookie. It never touches the database. */
export function readLearner(request: NextRequest): LearnerFromRequest {
  const raw = request.cookies.get(LEARNER_COOKIE)?.value;
  if (raw === undefined || raw === "") return { kind: "none" };
  const parsed = learnerIdSchema.safeParse(raw);
  return parsed.success ? { kind: "known", id: parsed.data } : { kind: "invalid", message: parsed.error.issues[0].message };
}

/**
 * The learner to write for: the cookie's id (recorded in the database if it is not there yet)
 * or a new random id. `isNew` tells the handler to set the cookie on its response.
 */
export async function ensureLearner(current: LearnerFromRequest & { kind: "known" | "none" }) {
  const id = current.kind === "known" ? current.id : randomUUID();
  await retryBusy(() => db.learner.upsert({ where: { id }, create: { id }, update: {}, select: { id: true } }));
  remember(id);
  return { id, isNew: current.kind === "none" };
}

/** Learner ids this process has seen stored (a cache: a miss only costs one lookup). */
const stored = new Set<string>();
function remember(id: string) {
  if (stored.size >= 100_000) stored.clear();
  stored.add(id);
}

/**
 * A write that would create a learner (no cookie, or a cookie id not stored yet, since clients
 * can make up ids) counts against the client IP's new-learner limit: a 429, or null to go on.
 */
export async function newLearnerLimited(request: NextRequest, learner: LearnerFromRequest & { kind: "known" | "none" }): Promise<NextResponse | null> {
  if (learner.kind === "known") {
    if (stored.has(learner.id)) return null;
    if (await db.learner.findUnique({ where: { id: learner.id }, select: { id: true } })) return remember(learner.id), null;
  }
  const limit = await take("newLearner", [`ip:${clientIp(request.headers)}`]);
  return limit.ok ? null : tooManyRequests("Too many new learners from your network", limit.retryAfterSeconds);
}

/**
 * For reads: the cookie's learner, or a fresh random id to hand out in a cookie (the database
 * row is only created on the first write). Lets later writes require the cookie.
 */
export function learnerOrNew(request: NextRequest): { kind: "invalid"; message: string } | { kind: "known" | "new"; id: string } {
  const current = readLearner(request);
  if (current.kind === "none") return { kind: "new", id: randomUUID() };
  return current;
}

export function setLearnerCookie(response: NextResponse, id: string, request: NextRequest) {
  response.cookies.set(LEARNER_COOKIE, id, learnerCookieAttributes(request.nextUrl.protocol === "https:"));
}

/** A malformed cookie is cleared so the learner's next write starts fresh. */
export function clearLearnerCookie(response: NextResponse) {
  response.cookies.set(LEARNER_COOKIE, "", { path: "/", maxAge: 0 });
}
