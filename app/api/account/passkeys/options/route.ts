// POST {purpose}: WebAuthn options for creating an account, signing in, or adding a passkey.
import { NextResponse } from "next/server";
import { accountRoute } from "@/lib/api/account-route.server";
import { jsonError } from "@/lib/api/http.server";
import { ceremonySchema } from "@/lib/accounts/schema";
import { db } from "@/lib/db.server";
import { setCeremonyCookie, startCeremony } from "@/lib/accounts/webauthn.server";

export const dynamic = "force-dynamic";

export const POST = accountRoute({ body: ceremonySchema, signedIn: "optional", limited: true }, async ({ request, body, session }) => {
  if (body.purpose === "add" && !session) return jsonError(401, "Sign in first to add a passkey to your account.");
  if (body.purpose === "create" && session) return jsonError(409, "You are signed in to an account on this device already.");
  const account =
    body.purpose === "add" && session
      ? await db.learner.findUnique({ where: { id: session.learnerId }, select: { id: true, accountName: true } })
      : null;
  const { token, ceremony } = await startCeremony(request, body, account && { id: account.id, name: account.accountName ?? "Learner" });
  const response = NextResponse.json(ceremony, { headers: { "cache-control": "no-store" } });
  setCeremonyCookie(response, token, request.nextUrl.protocol === "https:");
  return response;
});
