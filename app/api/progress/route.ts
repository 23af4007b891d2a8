// GET: the learner's read chapters. POST {chapterId, revision}: mark a chapter as read.
import { NextResponse, type NextRequest } from "next/server";
import { getChapterById } from "@/lib/content/course.server";
import { jsonError, readJsonBody, withErrors } from "@/lib/http.server";
import { clearLearnerCookie, ensureLearner, readLearner, setLearnerCookie } from "@/lib/learner/learner.server";
import { markChapterRead, progressOf } from "@/lib/progress/progress.server";
import { markReadSchema } from "@/lib/progress/schema";

export const dynamic = "force-dynamic";

function invalidCookie(message: string) {
  const response = jsonError(400, `Your learner cookie is not valid (${message}); it has been cleared, please retry.`);
  clearLearnerCookie(response);
  return response;
}

export const GET = withErrors(async (request: NextRequest) => {
  const learner = readLearner(request);
  if (learner.kind === "invalid") return invalidCookie(learner.message);
  const body = learner.kind === "known" ? await progressOf(learner.id) : { chapters: [] };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});

export const POST = withErrors(async (request: NextRequest) => {
  const learner = readLearner(request);
  if (learner.kind === "invalid") return invalidCookie(learner.message);
  const parsed = await readJsonBody(request, markReadSchema);
  if (!parsed.ok) return parsed.response;
  const chapter = getChapterById(parsed.data.chapterId);
  if (!chapter) return jsonError(404, `Unknown chapter "${parsed.data.chapterId}".`);
  if (chapter.revision !== parsed.data.revision) {
    return jsonError(409, "This chapter was updated since you opened it. Reload the page and try again.");
  }
  const { id, isNew } = await ensureLearner(learner);
  const saved = await markChapterRead(id, parsed.data);
  const response = NextResponse.json({ chapter: { ...saved, readAt: saved.readAt.toISOString() } }, { status: 200 });
  if (isNew) setLearnerCookie(response, id, request);
  return response;
});
