// POST {chapterId, revision, cellId}: the learner ran a code cell (kept in their chapter progress).
import { NextResponse, type NextRequest } from "next/server";
import { chapterAsSeen, readJsonBody, withErrors } from "@/lib/http.server";
import { ensureLearner, newLearnerLimited, readLearner, setLearnerCookie } from "@/lib/learner/learner.server";
import { invalidLearnerCookie } from "@/lib/learner/responses.server";
import { recordCellRun } from "@/lib/progress/progress.server";
import { cellRunSchema } from "@/lib/progress/schema";

export const dynamic = "force-dynamic";

export const POST = withErrors(async (request: NextRequest) => {
  const learner = readLearner(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  const limited = await newLearnerLimited(request, learner);
  if (limited) return limited;
  const parsed = await readJsonBody(request, cellRunSchema);
  if (!parsed.ok) return parsed.response;
  const seen = chapterAsSeen(parsed.data.chapterId, parsed.data.revision);
  if (!seen.ok) return seen.response;
  const { id, isNew } = await ensureLearner(learner);
  const cellsRun = await recordCellRun(id, parsed.data);
  const response = NextResponse.json({ cellsRun }, { headers: { "cache-control": "no-store" } });
  if (isNew) setLearnerCookie(response, id, request);
  return response;
});
