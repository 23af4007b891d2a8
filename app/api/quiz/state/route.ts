// GET ?chapterId=…: the learner's attempts and last results for a chapter's quiz (resume).
import { NextResponse, type NextRequest } from "next/server";
import { describeIssues } from "@/lib/content/schema";
import { getChapterById } from "@/lib/content/course.server";
import { jsonError, withErrors } from "@/lib/http.server";
import { learnerOrNew, setLearnerCookie } from "@/lib/learner/learner.server";
import { invalidLearnerCookie } from "@/lib/learner/responses.server";
import { quizState } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/quiz.server";
import { quizStateQuerySchema } from "@/lib/quiz/schema";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request: NextRequest) => {
  const query = quizStateQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return jsonError(400, `Invalid query: ${describeIssues(query.error)}`);
  const learner = learnerOrNew(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  const chapter = getChapterById(query.data.chapterId);
  const quiz = chapter && getQuiz(chapter);
  if (!quiz) return jsonError(404, `No quiz for chapter "${query.data.chapterId}".`);
  const state = await quizState(learner.kind === "known" ? learner.id : null, quiz);
  const response = NextResponse.json(state, { headers: { "cache-control": "no-store" } });
  if (learner.kind === "new") setLearnerCookie(response, learner.id, request);
  return response;
});
