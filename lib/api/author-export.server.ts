// The authors' CSV exports answer like the report: 404, or 429 after too many wrong tokens.
import "server-only";
import { notFound } from "next/navigation";
import { checkAuthor } from "@/lib/authors/guard.server";
import { tooManyRequests } from "./http.server";

/** null to go on. */
export async function authorExportRefusal(): Promise<Response | null> {
  const result = await checkAuthor();
  if (result.ok) return null;
  if (result.retryAfterSeconds) return tooManyRequests("Too many wrong author tokens", result.retryAfterSeconds);
  notFound();
}
