// Who a request acts for: an account (signed-in device) or an anonymous learner (signed cookie).
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { clientIp } from "@/lib/client-ip";
import { db } from "@/lib/db.server";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db-errors";
import { take } from "@/lib/rate-limit.server";
import { learnerSecret } from "@/lib/secrets.server";
import { sessionOf, type SignedIn } from "@/lib/accounts/sessions.server";
import { LEARNER_COOKIE, learnerCookieAttributes } from "./cookie";
import { signLearnerId, verifyLearnerCookie } from "./sign";

export type LearnerFromRequest =
  { kind: "known"; id: string; session: SignedIn | null } | { kind: "none" } | { kind: "invalid"; message: string };
type Anonymous = { kind: "known"; id: string } | { kind: "none" } | { kind: "invalid"; message: string };

/** A signed-in device's account, else the anonymous learner of a cookie the server signed. */
export async function readLearner(request: NextRequest): Promise<LearnerFromRequest> {
  const session = await sessionOf(request);
  if (session) return { kind: "known", id: session.learnerId, session };
  const anonymous = await anonymousLearner(request);
  return anonymous.kind === "known" ? { ...anonymous, session: null } : anonymous;
}

/** The anonymous learner the cookie names, signed in or not (only a cookie the server signed). */
export async function anonymousLearner(request: NextRequest): Promise<Anonymous> {
  const raw = request.cookies.get(LEARNER_COOKIE)?.value;
  if (raw === undefined || raw === "") return { kind: "none" };
  const checked = verifyLearnerCookie(await learnerSecret(), raw);
  return checked.ok ? { kind: "known", id: checked.id } : { kind: "invalid", message: checked.message };
}

/** A fresh id and its signed cookie (nothing stored until the first write). */
export async function mintLearner(): Promise<{ id: string; cookie: string }> {
  const id = randomUUID();
  return { id, cookie: signLearnerId(await learnerSecret(), id) };
}

/** Ids seen stored (a cache: a miss costs one lookup). */
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

/** The one place that stores the learner's row (decision 0155). */
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

/** A concurrent insert of the same id is fine. */
async function ensureLearner(id: string): Promise<void> {
  try {
    await db.learner.create({ data: { id }, select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  remember(id);
}

export async function takeNewLearner(request: NextRequest) {
  return take("newLearner", [`ip:${clientIp(request.headers)}`]);
}

/** A new anonymous learner for this device (after its old one moved into an account, or signing out). */
export async function setFreshLearnerCookie(response: NextResponse, request: NextRequest) {
  setLearnerCookie(response, (await mintLearner()).cookie, request);
}

export function setLearnerCookie(response: NextResponse, cookie: string, request: NextRequest) {
  response.cookies.set(LEARNER_COOKIE, cookie, learnerCookieAttributes(request.nextUrl.protocol === "https:"));
}

/** Clears a cookie we did not issue; the next read mints a real one. */
export function clearLearnerCookie(response: NextResponse) {
  response.cookies.set(LEARNER_COOKIE, "", { path: "/", maxAge: 0 });
}
