// Next's request proxy, for /authors only: when the authors' area is closed to this request, it
// answers with the very bytes of any unknown address (the prerendered 404), by rewriting to one.
// The page's own notFound() renders a different document, which would tell outsiders it exists.
// The page still checks for itself (requireAuthor): this is about the answer's shape, not access.
import { NextResponse, type NextRequest } from "next/server";
import { AUTHOR_COOKIE } from "@/lib/authors/auth.server";
import { checkAuthorRequest } from "@/lib/authors/guard.server";

/** A path no page or file answers (so Next serves its usual 404). */
const NOWHERE = "/_authors-closed";

export async function proxy(request: NextRequest) {
  const result = await checkAuthorRequest(request.cookies.get(AUTHOR_COOKIE)?.value, request.headers);
  if (result.ok) return NextResponse.next();
  return NextResponse.rewrite(new URL(NOWHERE, request.url));
}

export const config = { matcher: ["/authors"] };
