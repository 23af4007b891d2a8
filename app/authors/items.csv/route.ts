// Per-item quiz statistics as CSV (signed-in authors, or Authorization: Bearer <AUTHOR_TOKEN>).
import { authorExportRefusal } from "@/lib/api/author-export.server";
import { csvResponse, itemsCsv } from "@/lib/authors/export.server";
import { withErrors } from "@/lib/api/http.server";

export const dynamic = "force-dynamic";

export const GET = withErrors(async () => {
  const refused = await authorExportRefusal();
  if (refused) return refused;
  return csvResponse(await itemsCsv(), "items.csv");
});
