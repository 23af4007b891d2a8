// Accounts: create with a passkey, sign in, add passkeys, list devices, sign out, export, delete.
import "server-only";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db.server";
import { mergeLearner } from "./merge.server";
import type { AccountView } from "./schema";
import { createSession, type SignedIn } from "./sessions.server";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { checkAssertion, checkRegistration, takeChallenge } from "./webauthn.server";
import { deviceLabel } from "./device";

export type Refused = { ok: false; status: 400 | 401 | 403 | 404 | 409; error: string };
const refused = (status: Refused["status"], error: string): Refused => ({ ok: false, status, error });
const EXPIRED = "This passkey request expired or was already used. Start again.";

/** A new account from this device's anonymous learner (if any), signed in here. */
export async function createAccount(
  request: NextRequest,
  input: { name: string; response: RegistrationResponseJSON },
  anonymousId: string | null,
): Promise<{ ok: true; token: string } | Refused> {
  const challenge = await takeChallenge(request, "create");
  if (!challenge?.learnerId) return refused(400, EXPIRED);
  const passkey = await checkRegistration(request, input.response, challenge);
  if (!passkey) return refused(400, "The passkey could not be verified. Nothing was saved.");
  const accountId = challenge.learnerId;
  const device = request.headers.get("user-agent");
  const token = await db.$transaction(async (tx) => {
    await tx.learner.create({ data: { id: accountId, accountCreatedAt: new Date(), accountName: input.name }, select: { id: true } });
    await tx.passkey.create({ data: { ...passkey, learnerId: accountId, name: deviceLabel(device) }, select: { id: true } });
    if (anonymousId) await mergeLearner(tx, anonymousId, accountId);
    return createSession(tx, accountId, device);
  });
  return { ok: true, token };
}

/** Signs in with a passkey; this device's anonymous progress moves into the account. */
export async function signIn(
  request: NextRequest,
  response: AuthenticationResponseJSON,
  anonymousId: string | null,
  previous: SignedIn | null,
): Promise<{ ok: true; token: string } | Refused> {
  const challenge = await takeChallenge(request, "sign-in");
  if (!challenge) return refused(400, EXPIRED);
  const passkey = await db.passkey.findUnique({
    where: { id: response.id },
    select: { id: true, learnerId: true, publicKey: true, counter: true, transports: true },
  });
  if (!passkey) return refused(401, "This passkey is not known here: it may belong to a deleted account.");
  const counter = await checkAssertion(request, response, challenge, passkey);
  if (counter === null) return refused(401, "The passkey could not be verified. You are not signed in.");
  const device = request.headers.get("user-agent");
  const token = await db.$transaction(async (tx) => {
    // A counter that moved backwards meanwhile (a cloned authenticator) does not update.
    const moved = await tx.passkey.updateMany({
      where: { id: passkey.id, ...(counter > 0n ? { counter: { lt: counter } } : {}) },
      data: { counter, lastUsedAt: new Date() },
    });
    if (moved.count === 0) return null;
    if (previous) await tx.session.deleteMany({ where: { id: previous.sessionId } });
    if (anonymousId) await mergeLearner(tx, anonymousId, passkey.learnerId);
    return createSession(tx, passkey.learnerId, device);
  });
  return token ? { ok: true, token } : refused(401, "The passkey could not be verified. You are not signed in.");
}

/** Another passkey (e.g. the phone's) for the signed-in account. */
export async function addPasskey(
  request: NextRequest,
  response: RegistrationResponseJSON,
  accountId: string,
): Promise<{ ok: true } | Refused> {
  const challenge = await takeChallenge(request, "add");
  if (!challenge || challenge.learnerId !== accountId) return refused(400, EXPIRED);
  const passkey = await checkRegistration(request, response, challenge);
  if (!passkey) return refused(400, "The passkey could not be verified. Nothing was saved.");
  if (await db.passkey.findUnique({ where: { id: passkey.id }, select: { id: true } }))
    return refused(409, "This passkey is already registered.");
  await db.passkey.create({
    data: { ...passkey, learnerId: accountId, name: deviceLabel(request.headers.get("user-agent")) },
    select: { id: true },
  });
  return { ok: true };
}

export async function removePasskey(accountId: string, passkeyId: string): Promise<{ ok: true } | Refused> {
  return db.$transaction(async (tx) => {
    const count = await tx.passkey.count({ where: { learnerId: accountId } });
    const mine = await tx.passkey.findFirst({ where: { id: passkeyId, learnerId: accountId }, select: { id: true } });
    if (!mine) return refused(404, "No such passkey on your account.");
    if (count <= 1) return refused(409, "This is your only passkey: add another first, or delete the account.");
    await tx.passkey.delete({ where: { id: passkeyId } });
    return { ok: true as const };
  });
}

/** Ends this session, one of the account's, or all of them. */
export async function signOut(signedIn: SignedIn, which: "this" | "all" | string): Promise<{ ok: true; endedThis: boolean } | Refused> {
  if (which === "all") {
    await db.session.deleteMany({ where: { learnerId: signedIn.learnerId } });
    return { ok: true, endedThis: true };
  }
  const id = which === "this" ? signedIn.sessionId : which;
  const ended = await db.session.deleteMany({ where: { id, learnerId: signedIn.learnerId } });
  if (ended.count === 0) return refused(404, "No such device is signed in to your account.");
  return { ok: true, endedThis: id === signedIn.sessionId };
}

export async function accountView(signedIn: SignedIn | null): Promise<AccountView> {
  if (!signedIn) return { signedIn: false, account: null };
  const row = await db.learner.findUnique({
    where: { id: signedIn.learnerId },
    select: {
      accountName: true,
      accountCreatedAt: true,
      role: true,
      passkeys: { select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true }, orderBy: { createdAt: "asc" } },
      sessions: { select: { id: true, device: true, createdAt: true, lastSeenAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!row?.accountCreatedAt) return { signedIn: false, account: null };
  return {
    signedIn: true,
    account: {
      name: row.accountName ?? "Learner",
      createdAt: row.accountCreatedAt.toISOString(),
      author: row.role === "author",
      passkeys: row.passkeys.map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.createdAt.toISOString(),
        lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        synced: p.deviceType === "multiDevice",
      })),
      sessions: row.sessions.map((s) => ({
        id: s.id,
        device: s.device,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        current: s.id === signedIn.sessionId,
      })),
    },
  };
}

/** Everything stored about the account, as JSON (the learner's own copy). */
export async function exportAccount(accountId: string) {
  const row = await db.learner.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      id: true,
      createdAt: true,
      accountCreatedAt: true,
      accountName: true,
      role: true,
      passkeys: { select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true, transports: true } },
      sessions: { select: { device: true, createdAt: true, lastSeenAt: true, expiresAt: true } },
      progress: { omit: { id: true, learnerId: true } },
      attempts: { omit: { id: true, learnerId: true } },
      feedback: { omit: { id: true, learnerId: true } },
      questions: { omit: { id: true, learnerId: true } },
    },
  });
  return { exportedAt: new Date().toISOString(), format: "learn-by-running account export, version 1", ...row };
}

/** Deletes the account and everything stored about it (its rows cascade; its rate-limit counters go too). */
export async function deleteAccount(accountId: string): Promise<void> {
  const drawn = await db.chapterProgress.findMany({ where: { learnerId: accountId, drawKey: { not: null } }, select: { drawKey: true } });
  const ids = [accountId, ...drawn.map((d) => d.drawKey!)];
  await db.$transaction([
    db.learner.deleteMany({ where: { id: accountId } }),
    db.webAuthnChallenge.deleteMany({ where: { learnerId: accountId } }),
    db.rateLimit.deleteMany({ where: { OR: ids.map((id) => ({ key: { endsWith: `learner:${id}` } })) } }),
  ]);
}
