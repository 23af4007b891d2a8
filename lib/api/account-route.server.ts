// One wrapper for the account routes: same origin, the shared sign-in limit, the signed-in
// session and the anonymous learner, and the body parsed with zod, in the same order everywhere.
import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { sessionOf, type SignedIn } from "@/lib/accounts/sessions.server";
import { anonymousLearner } from "@/lib/learner/learner.server";
import { jsonError, rateLimited, readJsonBody, withErrors } from "./http.server";
import { isSameOrigin } from "./origin.server";

export type AccountContext<B> = {
  request: NextRequest;
  body: B extends z.ZodType ? z.output<B> : undefined;
  /** The device's session (required unless `signedIn: "optional"`). */
  session: SignedIn | null;
  /** The device's anonymous learner, whose progress a new account or a sign-in takes over. */
  anonymousId: string | null;
};

type Options<B> = {
  body?: B;
  /** "required" (default): 401 without a session. */
  signedIn?: "required" | "optional";
  /** Charged per address to the shared sign-in limit before anything is read. */
  limited?: boolean;
};

export function accountRoute<B extends z.ZodType | undefined = undefined>(
  options: Options<B>,
  handler: (context: AccountContext<B>) => Promise<NextResponse>,
) {
  return withErrors(async (request: NextRequest) => {
    if (request.method !== "GET" && !isSameOrigin(request))
      return jsonError(403, "Account changes are accepted only from this site's own pages.");
    if (options.limited) {
      const limited = await rateLimited("signIn", request, null, "Too many passkey attempts from your network");
      if (limited) return limited;
    }
    const session = await sessionOf(request);
    if (!session && options.signedIn !== "optional")
      return jsonError(401, "You are not signed in on this device. Sign in with your passkey first.");
    let body: unknown = undefined;
    if (options.body) {
      const parsed = await readJsonBody(request, options.body, 32 * 1024);
      if (!parsed.ok) return parsed.response;
      body = parsed.data;
    }
    const anonymous = await anonymousLearner(request);
    return handler({
      request,
      body: body as AccountContext<B>["body"],
      session,
      anonymousId: anonymous.kind === "known" ? anonymous.id : null,
    });
  });
}
