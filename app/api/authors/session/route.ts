// POST (form: token) signs an author in; POST with action=sign-out signs out.
import { NextResponse, type NextRequest } from "next/server";
import { AUTHOR_COOKIE, authorsEnabled, checkToken, sessionValue } from "@/lib/authors/auth.server";
import { clientIp } from "@/lib/client-ip";
import { withErrors } from "@/lib/http.server";
import { charge, check } from "@/lib/rate-limit.server";

export const dynamic = "force-dynamic";

// A relative Location: request.url may name another host (Next reports "localhost") than the
// one the browser used, and the session cookie belongs to the browser's host.
const redirect = (_request: NextRequest, path: string) => new NextResponse(null, { status: 303, headers: { location: path } });

// Guessing the token: a handful of wrong tries a minute per address (AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE).
export const POST = withErrors(async (request: NextRequest) => {
  if (!authorsEnabled()) return new NextResponse("Not found", { status: 404 });
  const form = await request.formData().catch(() => null);
  if (form?.get("action") === "sign-out") {
    const response = redirect(request, "/authors/sign-in");
    response.cookies.set(AUTHOR_COOKIE, "", { path: "/", maxAge: 0 });
    return response;
  }
  const key = `ip:${clientIp(request.headers)}`;
  if (!(await check("authorToken", key)).ok) return redirect(request, "/authors/sign-in?error=wait");
  const token = form?.get("token");
  if (typeof token !== "string" || token.length > 500 || !checkToken(token)) {
    await charge("authorToken", key);
    return redirect(request, "/authors/sign-in?error=token");
  }
  const response = redirect(request, "/authors");
  response.cookies.set(AUTHOR_COOKIE, sessionValue()!, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: request.nextUrl.protocol === "https:",
    maxAge: 60 * 60 * 8,
  });
  return response;
});
