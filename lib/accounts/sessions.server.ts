// Signed-in devices: a random token in an httpOnly cookie, its hash in a Session row.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { NextResponse } from "next/server";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db.server";
import { getEnv } from "@/lib/env.server";
import { log } from "@/lib/log.server";
import { deviceLabel } from "./device";

export const SESSION_COOKIE = "lbr_session";
const SESSION_DAYS = 90;
const DAY_MS = 86_400_000;
/** A session's expiry moves forward at most once an hour (one write per hour of use). */
const SLIDE_EVERY_MS = 3_600_000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A random cookie token and the id its row is stored under (only the hash is kept). */
export function newToken(): { token: string; id: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, id: hashToken(token) };
}

/** The row id a cookie's token names, or null for a value that is no token of ours. */
export const tokenId = (token: string | undefined) => (token && TOKEN.test(token) ? hashToken(token) : null);

type Tx = Prisma.TransactionClient;

/** A new session for the account; the token goes in the cookie, only its hash is stored. */
export async function createSession(
  tx: Tx,
  learnerId: string,
  userAgent: string | null,
  authorBinding: string | null = null,
): Promise<string> {
  const { token, id } = newToken();
  const now = Date.now();
  await tx.session.create({
    data: {
      id,
      learnerId,
      device: deviceLabel(userAgent),
      expiresAt: new Date(now + SESSION_DAYS * DAY_MS),
      authorBinding,
    },
    select: { id: true },
  });
  await tx.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }); // swept at each sign-in
  return token;
}

export type SignedIn = { sessionId: string; learnerId: string; authorBinding: string | null };

/** What a session that presented AUTHOR_TOKEN stores: a new token ends every such session. */
export const currentAuthorBinding = () => {
  const token = getEnv().AUTHOR_TOKEN;
  return token === undefined ? null : createHash("sha256").update(`lbr-author-binding:${token}`).digest("hex");
};

/** The session the request's cookie names, if it is current (its expiry slides with use). */
export async function sessionOf(request: { cookies: { get(name: string): { value: string } | undefined } }): Promise<SignedIn | null> {
  const id = tokenId(request.cookies.get(SESSION_COOKIE)?.value);
  if (!id) return null;
  const row = await db.session.findUnique({
    where: { id },
    select: { learnerId: true, expiresAt: true, lastSeenAt: true, authorBinding: true },
  });
  const now = Date.now();
  if (!row || row.expiresAt.getTime() <= now) return null;
  if (row.authorBinding !== null && row.authorBinding !== currentAuthorBinding()) {
    await db.session.deleteMany({ where: { id } }); // AUTHOR_TOKEN changed: the session it created ends
    return null;
  }
  if (now - row.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
    void db.session
      .updateMany({ where: { id }, data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_DAYS * DAY_MS) } })
      .catch((e: unknown) => log.warn({ err: e }, "could not extend a session"));
  }
  return { sessionId: id, learnerId: row.learnerId, authorBinding: row.authorBinding };
}

export function setSessionCookie(response: NextResponse, token: string, https: boolean) {
  response.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: https, path: "/", maxAge: SESSION_DAYS * 86_400 });
}

export function clearSessionCookie(response: NextResponse) {
  response.cookies.set(SESSION_COOKIE, "", { path: "/", maxAge: 0 });
}
