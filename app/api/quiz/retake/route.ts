// POST {chapterId, quizRevision, round}: start a new round of the quiz; answers the new state.
import { NextResponse } from "next/server";
import { learnerRoute } from "@/lib/api/route.server";
import { getChapterById } from "@/lib/content/course.server";
import { jsonError } from "@/lib/api/http.server";
import { quizState, retakeQuiz } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/quiz.server";
import { retakeSchema } from "@/lib/quiz/schema";

export const dynamic = "force-dynamic";

export const POST = learnerRoute(
  { mode: "write", body: retakeSchema, limit: { name: "quiz", tooMany: "Too many quiz submissions" } },
  async ({ learnerId, body }) => {
    const chapter = getChapterById(body.chapterId);
    const quiz = chapter && getQuiz(chapter);
    if (!chapter || !quiz) return jsonError(404, `No quiz for chapter "${body.chapterId}".`);
    const outcome = await retakeQuiz(learnerId, quiz, body);
    const state = await quizState(learnerId, true, quiz);
    if (!outcome.ok) return jsonError(outcome.status, outcome.error, { state });
    return NextResponse.json(state, { headers: { "cache-control": "no-store" } });
  },
);
