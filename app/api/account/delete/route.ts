// POST {confirm: "delete my account"}: deletes the account and everything stored about it.
import { NextResponse } from "next/server";
import { accountRoute } from "@/lib/api/account-route.server";
import { deleteAccount } from "@/lib/accounts/account.server";
import { deleteAccountSchema } from "@/lib/accounts/schema";
import { clearSessionCookie } from "@/lib/accounts/sessions.server";
import { setFreshLearnerCookie } from "@/lib/learner/learner.server";

export const dynamic = "force-dynamic";

export const POST = accountRoute({ body: deleteAccountSchema }, async ({ request, session }) => {
  await deleteAccount(session!.learnerId);
  const response = NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  clearSessionCookie(response);
  await setFreshLearnerCookie(response, request);
  return response;
});
