// GET: everything stored about the signed-in account, as a JSON download.
import { NextResponse } from "next/server";
import { accountRoute } from "@/lib/api/account-route.server";
import { exportAccount } from "@/lib/accounts/account.server";

export const dynamic = "force-dynamic";

export const GET = accountRoute({}, async ({ session }) => {
  const data = await exportAccount(session!.learnerId);
  return new NextResponse(
    JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v), 2),
    {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="learn-by-running-account-${new Date().toISOString().slice(0, 10)}.json"`,
        "cache-control": "no-store",
      },
    },
  );
});
