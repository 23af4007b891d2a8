// POST {chapterId, questionId, revision, selected, shownOrder}: grade, store, return the result.
import { NextResponse, type NextRequest } from "next/server";
import { getChapterById } from "@/lib/content/course.server";
import { jsonError, rateLimited, readJsonBody, withErrors } from "@/lib/http.server";
import { newLearnerLimited, readLearner } from "@/lib/learner/learner.server";
import { invalidLearnerCookie, missingLearnerCookie } from "@/lib/learner/responses.server";
import { submitAttempt } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/quiz.server";
import { submitAttemptSchema } from "@/lib/quiz/schema";

export const dynamic = "force-dynamic";

export const POST = withErrors(async (request: NextRequest) => {
  const learner = readLearner(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  if (learner.kind === "none") return missingLearnerCookie();
  const limited = (await rateLimited("quiz", request, learner, "Too many quiz submissions")) ?? (await newLearnerLimited(request, learner));
  if (limited) return limited;
  const parsed = await readJsonBody(request, submitAttemptSchema);
  if (!parsed.ok) return parsed.response;
  const chapter = getChapterById(parsed.data.chapterId);
  const quiz = chapter && getQuiz(chapter);
  if (!chapter || !quiz) return jsonError(404, `No quiz for chapter "${parsed.data.chapterId}".`);
  const outcome = await submitAttempt(learner.id, chapter.revision, quiz, parsed.data);
  if (!outcome.ok) return jsonError(outcome.status, outcome.error);
  return NextResponse.json({ result: outcome.result, progress: outcome.progress }, { headers: { "cache-control": "no-store" } });
});
