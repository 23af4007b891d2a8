// POST {chapterId, questionId, quizRevision, round, selected}: grade, store, return the result.
// A stale page (another tab answered or retook) gets a 409 with the learner's current state.
import { NextResponse } from "next/server";
import { learnerRoute } from "@/lib/api/route.server";
import { getChapterById } from "@/lib/content/course.server";
import { jsonError } from "@/lib/api/http.server";
import { quizState, submitAttempt } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/quiz.server";
import { submitAttemptSchema } from "@/lib/quiz/schema";

export const dynamic = "force-dynamic";

export const POST = learnerRoute(
  { mode: "write", body: submitAttemptSchema, limit: { name: "quiz", tooMany: "Too many quiz submissions" } },
  async ({ learnerId, body }) => {
    const chapter = getChapterById(body.chapterId);
    const quiz = chapter && getQuiz(chapter);
    if (!chapter || !quiz) return jsonError(404, `No quiz for chapter "${body.chapterId}".`);
    const outcome = await submitAttempt(learnerId, chapter.revision, quiz, body);
    if (!outcome.ok) {
      if (outcome.stale && body.quizRevision === quiz.quizRevision)
        return jsonError(outcome.status, outcome.error, { state: await quizState(learnerId, true, quiz) });
      return jsonError(outcome.status, outcome.error);
    }
    return NextResponse.json({ result: outcome.result, progress: outcome.progress }, { headers: { "cache-control": "no-store" } });
  },
);
