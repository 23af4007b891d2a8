// GET: the learner's read chapters. POST {chapterId, revision}: mark a chapter as read.
import { NextResponse, type NextRequest } from "next/server";
import { chapterAsSeen, readJsonBody, withErrors } from "@/lib/http.server";
import { ensureLearner, newLearnerLimited, learnerOrNew, readLearner, setLearnerCookie } from "@/lib/learner/learner.server";
import { invalidLearnerCookie } from "@/lib/learner/responses.server";
import { markChapterRead, progressOf } from "@/lib/progress/progress.server";
import { markReadSchema } from "@/lib/progress/schema";

export const dynamic = "force-dynamic";

// Every chapter page asks for progress on load: a browser without a learner cookie gets one here
// (the learner's row is created on its first write).
export const GET = withErrors(async (request: NextRequest) => {
  const learner = learnerOrNew(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  const body = learner.kind === "known" ? await progressOf(learner.id) : { chapters: [] };
  const response = NextResponse.json(body, { headers: { "cache-control": "no-store" } });
  if (learner.kind === "new") setLearnerCookie(response, learner.id, request);
  return response;
});

export const POST = withErrors(async (request: NextRequest) => {
  const learner = readLearner(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  const limited = await newLearnerLimited(request, learner);
  if (limited) return limited;
  const parsed = await readJsonBody(request, markReadSchema);
  if (!parsed.ok) return parsed.response;
  const seen = chapterAsSeen(parsed.data.chapterId, parsed.data.revision);
  if (!seen.ok) return seen.response;
  const { id, isNew } = await ensureLearner(learner);
  const saved = await markChapterRead(id, parsed.data);
  const response = NextResponse.json({ chapter: saved }, { status: 200 });
  if (isNew) setLearnerCookie(response, id, request);
  return response;
});
