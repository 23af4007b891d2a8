// POST {purpose, response[, name]}: finishes a passkey ceremony: a new account, a sign-in, or another passkey.
import { NextResponse } from "next/server";
import { accountRoute } from "@/lib/api/account-route.server";
import { jsonError } from "@/lib/api/http.server";
import { addPasskey, createAccount, signIn, type Refused } from "@/lib/accounts/account.server";
import { verifySchema } from "@/lib/accounts/schema";
import { setSessionCookie } from "@/lib/accounts/sessions.server";
import { clearCeremonyCookie } from "@/lib/accounts/webauthn.server";
import { setFreshLearnerCookie } from "@/lib/learner/learner.server";

export const dynamic = "force-dynamic";

export const POST = accountRoute(
  { body: verifySchema, signedIn: "optional", limited: true },
  async ({ request, body, session, anonymousId }) => {
    const https = request.nextUrl.protocol === "https:";
    let result: { ok: true; token?: string } | Refused;
    if (body.purpose === "add") {
      if (!session) return jsonError(401, "Sign in first to add a passkey to your account.");
      result = await addPasskey(request, body.response, session.learnerId);
    } else if (body.purpose === "create") {
      if (session) return jsonError(409, "You are signed in to an account on this device already.");
      result = await createAccount(request, { name: body.name, response: body.response }, anonymousId);
    } else {
      result = await signIn(request, body.response, anonymousId, session);
    }
    const response = result.ok
      ? NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } })
      : jsonError(result.status, result.error);
    clearCeremonyCookie(response);
    if (result.ok && result.token) {
      setSessionCookie(response, result.token, https);
      // The device's anonymous learner moved into the account: a later sign-out starts afresh.
      await setFreshLearnerCookie(response, request);
    }
    return response;
  },
);
