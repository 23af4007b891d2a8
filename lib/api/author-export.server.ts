// The authors' CSV exports answer like the report: 404 unless signed in (or Bearer), 429 after too many wrong tokens.
import "server-only";
import { notFound } from "next/navigation";
import { checkAuthor } from "@/lib/authors/guard.server";
import { tooManyRequests } from "./http.server";

/** null to go on; a 429 after too many wrong tokens; otherwise the 404 page. */
export async function authorExportRefusal(): Promise<Response | null> {
  const result = await checkAuthor();
  if (result.ok) return null;
  if (result.retryAfterSeconds) return tooManyRequests("Too many wrong author tokens", result.retryAfterSeconds);
  notFound();
}
