// A closed /authors answers with the exact bytes of any unknown address, so outsiders cannot tell it exists.
// The page still checks access itself (requireAuthor).
import { NextResponse, type NextRequest } from "next/server";
import { checkAuthorRequest } from "@/lib/authors/guard.server";

const NOWHERE = "/_authors-closed";

export async function proxy(request: NextRequest) {
  const result = await checkAuthorRequest(request.cookies, request.headers);
  if (result.ok) return NextResponse.next();
  return NextResponse.rewrite(new URL(NOWHERE, request.url));
}

export const config = { matcher: ["/authors"] };
