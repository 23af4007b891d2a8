// POST (form: token) signs an author in; action=sign-out ends this session on the server,
// action=sign-out-everywhere every author session. Only from the app's own pages (Origin); body size capped.
import { NextResponse, type NextRequest } from "next/server";
import { readLimitedText } from "@/lib/api/body.server";
import { isSameOrigin } from "@/lib/api/origin.server";
import {
  AUTHOR_COOKIE,
  SESSION_SECONDS,
  authorsEnabled,
  checkToken,
  createSession,
  endAllSessions,
  endSession,
  isSession,
} from "@/lib/authors/auth.server";
import { clientIp } from "@/lib/client-ip";
import { jsonError, withErrors } from "@/lib/api/http.server";
import { charge, check } from "@/lib/rate-limit.server";

export const dynamic = "force-dynamic";

const FORM_MAX_BYTES = 2 * 1024;

// A relative Location: request.url may name another host (Next reports "localhost") than the
// one the browser used, and the session cookie belongs to the browser's host.
const redirect = (path: string) => new NextResponse(null, { status: 303, headers: { location: path } });

// Guessing the token: a handful of wrong tries a minute per address (AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE),
// checked before the body is even read.
export const POST = withErrors(async (request: NextRequest) => {
  if (!authorsEnabled()) return new NextResponse("Not found", { status: 404 });
  if (!isSameOrigin(request)) return jsonError(403, "Sign-in and sign-out are accepted only from this site's own pages.");
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    return jsonError(415, "Send the form as application/x-www-form-urlencoded.");
  const key = `ip:${clientIp(request.headers)}`;
  const limited = !(await check("authorToken", key)).ok;
  const session = request.cookies.get(AUTHOR_COOKIE)?.value;
  // A guesser over the limit is turned away before its body is read; a signed-in author is not.
  if (limited && !(await isSession(session))) return redirect("/authors/sign-in?error=wait");
  const body = await readLimitedText(request, FORM_MAX_BYTES);
  if (!body.ok) return jsonError(body.status, body.error);
  const form = new URLSearchParams(body.text);
  const action = form.get("action");
  if (action === "sign-out" || action === "sign-out-everywhere") {
    if (action === "sign-out-everywhere" && (await isSession(session))) await endAllSessions();
    else await endSession(session);
    const response = redirect("/authors/sign-in");
    response.cookies.set(AUTHOR_COOKIE, "", { path: "/", maxAge: 0 });
    return response;
  }
  if (limited) return redirect("/authors/sign-in?error=wait");
  const token = form.get("token");
  if (token === null || token.length > 500 || !checkToken(token)) {
    await charge("authorToken", key);
    return redirect("/authors/sign-in?error=token");
  }
  const response = redirect("/authors");
  response.cookies.set(AUTHOR_COOKIE, await createSession(), {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: request.nextUrl.protocol === "https:",
    maxAge: SESSION_SECONDS,
  });
  return response;
});
