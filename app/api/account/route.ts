// GET: this device's account (name, passkeys, signed-in devices), or { signedIn: false }.
import { NextResponse } from "next/server";
import { accountRoute } from "@/lib/api/account-route.server";
import { accountView } from "@/lib/accounts/account.server";

export const dynamic = "force-dynamic";

export const GET = accountRoute({ signedIn: "optional" }, async ({ session }) =>
  NextResponse.json(await accountView(session), { headers: { "cache-control": "no-store" } }),
);
