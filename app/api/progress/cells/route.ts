// POST {chapterId, revision, cellId}: the learner ran one of the chapter's code cells.
import { NextResponse } from "next/server";
import { learnerRoute } from "@/lib/api/route.server";
import { chapterAsSeen, jsonError } from "@/lib/api/http.server";
import { partsOf } from "@/lib/content/parts.server";
import { recordCellRun } from "@/lib/progress/progress.server";
import { cellRunSchema } from "@/lib/progress/schema";

export const dynamic = "force-dynamic";

export const POST = learnerRoute(
  { mode: "write", body: cellRunSchema, limit: { name: "progress", tooMany: "Too many progress updates" } },
  async ({ learnerId, body }) => {
    const seen = chapterAsSeen(body.chapterId, body.revision);
    if (!seen.ok) return seen.response;
    // Only the chapter's real cells: made-up ids would grow cellsRun without bound.
    if (!(await partsOf(seen.chapter)).cells.some((c) => c.id === body.cellId))
      return jsonError(404, `Chapter "${body.chapterId}" has no code cell "${body.cellId}".`);
    const cellsRun = await recordCellRun(learnerId, body);
    return NextResponse.json({ cellsRun }, { headers: { "cache-control": "no-store" } });
  },
);
