// POST (form): token presents AUTHOR_TOKEN from a signed-in account, making this session an
// author's until the token changes; action=sign-out ends this session. Same origin only; body capped.
import { NextResponse, type NextRequest } from "next/server";
import { readLimitedText } from "@/lib/api/body.server";
import { jsonError, withErrors } from "@/lib/api/http.server";
import { isSameOrigin } from "@/lib/api/origin.server";
import { clearSessionCookie, sessionOf, setSessionCookie } from "@/lib/accounts/sessions.server";
import { checkToken, presentToken } from "@/lib/authors/auth.server";
import { clientIp } from "@/lib/client-ip";
import { db } from "@/lib/db.server";
import { setFreshLearnerCookie } from "@/lib/learner/learner.server";
import { charge, check } from "@/lib/rate-limit.server";

export const dynamic = "force-dynamic";

const FORM_MAX_BYTES = 2 * 1024;

// Relative: request.url may name another host than the browser's, whose cookie this is.
const redirect = (path: string) => new NextResponse(null, { status: 303, headers: { location: path } });

export const POST = withErrors(async (request: NextRequest) => {
  if (!isSameOrigin(request)) return jsonError(403, "Sign-in and sign-out are accepted only from this site's own pages.");
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    return jsonError(415, "Send the form as application/x-www-form-urlencoded.");
  const key = `ip:${clientIp(request.headers)}`;
  // A guesser over the limit is turned away before its body is read.
  const limited = !(await check("authorToken", key)).ok;
  const session = await sessionOf(request);
  if (limited && !session) return redirect("/authors/sign-in?error=wait");
  const body = await readLimitedText(request, FORM_MAX_BYTES);
  if (!body.ok) return jsonError(body.status, body.error);
  const form = new URLSearchParams(body.text);
  if (form.get("action") === "sign-out") {
    if (session) await db.session.deleteMany({ where: { id: session.sessionId } });
    const response = redirect("/authors/sign-in");
    clearSessionCookie(response);
    await setFreshLearnerCookie(response, request);
    return response;
  }
  if (!session) return redirect("/authors/sign-in?error=account");
  if (limited) return redirect("/authors/sign-in?error=wait");
  const token = form.get("token");
  if (token === null || token.length > 500 || !checkToken(token)) {
    await charge("authorToken", key);
    return redirect("/authors/sign-in?error=token");
  }
  const response = redirect("/authors");
  setSessionCookie(response, await presentToken(session, request.headers.get("user-agent")), request.nextUrl.protocol === "https:");
  return response;
});
