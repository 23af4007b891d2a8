// POST {id}: removes one of the account's passkeys (never the last one).
import { NextResponse } from "next/server";
import { accountRoute } from "@/lib/api/account-route.server";
import { jsonError } from "@/lib/api/http.server";
import { removePasskey } from "@/lib/accounts/account.server";
import { removePasskeySchema } from "@/lib/accounts/schema";

export const dynamic = "force-dynamic";

export const POST = accountRoute({ body: removePasskeySchema }, async ({ body, session }) => {
  const result = await removePasskey(session!.learnerId, body.id);
  return result.ok ? NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } }) : jsonError(result.status, result.error);
});
