// POST {session: "this" | "all" | id}: signs this device, all devices, or one device out.
import { NextResponse } from "next/server";
import { accountRoute } from "@/lib/api/account-route.server";
import { jsonError } from "@/lib/api/http.server";
import { signOut } from "@/lib/accounts/account.server";
import { signOutSchema } from "@/lib/accounts/schema";
import { clearSessionCookie } from "@/lib/accounts/sessions.server";
import { setFreshLearnerCookie } from "@/lib/learner/learner.server";

export const dynamic = "force-dynamic";

export const POST = accountRoute({ body: signOutSchema }, async ({ request, body, session }) => {
  const result = await signOut(session!, body.session);
  if (!result.ok) return jsonError(result.status, result.error);
  const response = NextResponse.json({ ok: true, signedOut: result.endedThis }, { headers: { "cache-control": "no-store" } });
  if (result.endedThis) {
    clearSessionCookie(response);
    // A fresh anonymous learner: the device's old one moved into the account.
    await setFreshLearnerCookie(response, request);
  }
  return response;
});
