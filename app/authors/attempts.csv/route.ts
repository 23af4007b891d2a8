// Quiz attempts as CSV (signed-in authors, or Authorization: Bearer <AUTHOR_TOKEN>).
import { requireAuthor } from "@/lib/authors/guard.server";
import { attemptsCsv, csvResponse } from "@/lib/authors/export.server";

export const dynamic = "force-dynamic";

export async function GET() {
  await requireAuthor();
  return csvResponse(attemptsCsv(), "attempts.csv");
}
