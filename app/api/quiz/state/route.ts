// GET ?chapterId=…: the learner's round of a chapter's quiz: choices in their order, attempts, results.
import { NextResponse } from "next/server";
import { learnerRoute } from "@/lib/api/route.server";
import { getChapterById } from "@/lib/content/course.server";
import { jsonError } from "@/lib/api/http.server";
import { quizState } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/quiz.server";
import { quizStateQuerySchema } from "@/lib/quiz/schema";

export const dynamic = "force-dynamic";

export const GET = learnerRoute({ mode: "read", query: quizStateQuerySchema }, async ({ learnerId, known, query }) => {
  const chapter = getChapterById(query.chapterId);
  const quiz = chapter && getQuiz(chapter);
  if (!quiz) return jsonError(404, `No quiz for chapter "${query.chapterId}".`);
  return NextResponse.json(await quizState(learnerId, known, quiz), { headers: { "cache-control": "no-store" } });
});
