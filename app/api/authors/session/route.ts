// POST (form: token) signs an author in; POST with action=sign-out signs out.
import { NextResponse, type NextRequest } from "next/server";
import { AUTHOR_COOKIE, authorsEnabled, checkToken, sessionValue } from "@/lib/authors/auth.server";
import { clientIp, RateLimiter } from "@/lib/rate-limit.server";

export const dynamic = "force-dynamic";

// Guessing the token: a handful of tries a minute per address.
const attempts = new RateLimiter(5);

// A relative Location: request.url may name another host (Next reports "localhost") than the
// one the browser used, and the session cookie belongs to the browser's host.
const redirect = (_request: NextRequest, path: string) => new NextResponse(null, { status: 303, headers: { location: path } });

export async function POST(request: NextRequest) {
  if (!authorsEnabled()) return new NextResponse("Not found", { status: 404 });
  const form = await request.formData().catch(() => null);
  if (form?.get("action") === "sign-out") {
    const response = redirect(request, "/authors/sign-in");
    response.cookies.set(AUTHOR_COOKIE, "", { path: "/", maxAge: 0 });
    return response;
  }
  if (!attempts.take([`ip:${clientIp(request.headers)}`]).ok) return redirect(request, "/authors/sign-in?error=wait");
  const token = form?.get("token");
  if (typeof token !== "string" || token.length > 500 || !checkToken(token)) return redirect(request, "/authors/sign-in?error=token");
  const response = redirect(request, "/authors");
  response.cookies.set(AUTHOR_COOKIE, sessionValue()!, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: request.nextUrl.protocol === "https:",
    maxAge: 60 * 60 * 8,
  });
  return response;
}
