// WebAuthn ceremonies (@simplewebauthn/server): options with a single-use challenge bound to this
// browser's ceremony cookie, and the checks of what the authenticator answered.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { ownOrigin } from "@/lib/request-origin.server";
import { db } from "@/lib/db.server";
import { getEnv } from "@/lib/env.server";
import type { Ceremony } from "./schema";
import { newToken, tokenId } from "./sessions.server";

export const CEREMONY_COOKIE = "lbr_ceremony";
const CEREMONY_SECONDS = 300;
const RP_NAME = "Learn by Running";

/** Our origin and RP ID: APP_ORIGIN when set, else the origin the request was made to. */
export function relyingParty(request: NextRequest): { origin: string; rpID: string } {
  const origin = getEnv().APP_ORIGIN ?? ownOrigin(request) ?? request.nextUrl.origin;
  return { origin, rpID: new URL(origin).hostname };
}

export type CeremonyOptions =
  | { purpose: "create" | "add"; options: PublicKeyCredentialCreationOptionsJSON }
  | { purpose: "sign-in"; options: PublicKeyCredentialRequestOptionsJSON };

/**
 * Options for a ceremony and the cookie token its challenge is stored under (5 minutes, one use).
 * "create" fixes the new account's id now (the passkey's user handle); "add" is for `accountId`.
 */
export async function startCeremony(
  request: NextRequest,
  { purpose }: Ceremony,
  account: { id: string; name: string } | null,
): Promise<{ token: string; ceremony: CeremonyOptions }> {
  const { rpID } = relyingParty(request);
  let ceremony: CeremonyOptions;
  let learnerId: string | null = null;
  if (purpose === "sign-in") {
    ceremony = { purpose, options: await generateAuthenticationOptions({ rpID, userVerification: "preferred" }) };
  } else {
    learnerId = purpose === "add" && account ? account.id : randomUUID();
    const existing = account ? await db.passkey.findMany({ where: { learnerId: account.id }, select: { id: true, transports: true } }) : [];
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID,
      userName: account?.name ?? "Learner",
      userID: new TextEncoder().encode(learnerId),
      attestationType: "none",
      excludeCredentials: existing.map((p) => ({ id: p.id, transports: JSON.parse(p.transports) as never })),
      authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    });
    ceremony = { purpose, options };
  }
  const { token, id } = newToken();
  await db.webAuthnChallenge.create({
    data: {
      id,
      challenge: ceremony.options.challenge,
      purpose,
      learnerId,
      expiresAt: new Date(Date.now() + CEREMONY_SECONDS * 1000),
    },
    select: { id: true },
  });
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return { token, ceremony };
}

export function setCeremonyCookie(response: NextResponse, token: string, https: boolean) {
  response.cookies.set(CEREMONY_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: https,
    path: "/api/account",
    maxAge: CEREMONY_SECONDS,
  });
}

export function clearCeremonyCookie(response: NextResponse) {
  response.cookies.set(CEREMONY_COOKIE, "", { path: "/api/account", maxAge: 0 });
}

export type Challenge = { challenge: string; purpose: string; learnerId: string | null };

/** The challenge this browser's ceremony cookie names, deleted as it is read: a second use finds nothing. */
export async function takeChallenge(request: NextRequest, purpose: Ceremony["purpose"]): Promise<Challenge | null> {
  const id = tokenId(request.cookies.get(CEREMONY_COOKIE)?.value);
  if (!id) return null;
  const taken = await db.webAuthnChallenge
    .delete({ where: { id }, select: { challenge: true, purpose: true, learnerId: true, expiresAt: true } })
    .catch(() => null);
  if (!taken || taken.purpose !== purpose || taken.expiresAt.getTime() <= Date.now()) return null;
  return taken;
}

/** What every answer is checked against: the challenge, our origin and RP ID. */
function expected(request: NextRequest, challenge: Challenge) {
  const { origin, rpID } = relyingParty(request);
  return { expectedChallenge: challenge.challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false };
}

/** A new passkey, checked; null when it does not verify. */
export async function checkRegistration(request: NextRequest, response: RegistrationResponseJSON, challenge: Challenge) {
  const result = await verifyRegistrationResponse({ response, ...expected(request, challenge) }).catch(() => null);
  if (!result?.verified) return null;
  const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey),
    counter: BigInt(credential.counter),
    transports: JSON.stringify(credential.transports ?? []),
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
  };
}

type StoredPasskey = { id: string; publicKey: Uint8Array; counter: bigint; transports: string };

/** A sign-in assertion checked against the stored passkey; its new counter, or null (a counter that went back fails). */
export async function checkAssertion(
  request: NextRequest,
  response: AuthenticationResponseJSON,
  challenge: Challenge,
  passkey: StoredPasskey,
) {
  const result = await verifyAuthenticationResponse({
    response,
    ...expected(request, challenge),
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: JSON.parse(passkey.transports) as never,
    },
  }).catch(() => null);
  return result?.verified ? BigInt(result.authenticationInfo.newCounter) : null;
}
