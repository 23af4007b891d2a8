// Reads the anonymous learner from a request, and creates one on the first write.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { db } from "@/lib/db.server";
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
  await db.learner.upsert({ where: { id }, create: { id }, update: {}, select: { id: true } });
  return { id, isNew: current.kind === "none" };
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
