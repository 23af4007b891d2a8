// Storing graded attempts with the attempt limit enforced by the database, and reading them back.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db.server";
import { gradeAnswer } from "./grade";
import type { LoadedQuestion, LoadedQuiz } from "./quiz.server";
import { buildResult } from "./result";
import type { SubmitAttempt } from "./schema";
import type { AttemptResult, QuizProgress, QuizState } from "./types";

export type SubmitOutcome =
  | { ok: true; result: AttemptResult; progress: QuizProgress }
  | { ok: false; status: 400 | 404 | 409; error: string };

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

function checkOrder(question: LoadedQuestion, shownOrder: readonly string[]): string | null {
  const ids = question.choices.map((c) => c.id);
  const sameSet = shownOrder.length === ids.length && new Set(shownOrder).size === ids.length && ids.every((id) => shownOrder.includes(id));
  return sameSet ? null : "shownOrder must list each of the question's choices exactly once.";
}

/** Mean over the quiz's questions of each question's best score (unanswered count as 0). */
function bestScore(quiz: LoadedQuiz, attempts: readonly { questionId: string; score: number }[]): number {
  const best = new Map<string, number>();
  for (const a of attempts) best.set(a.questionId, Math.max(best.get(a.questionId) ?? 0, a.score));
  return quiz.questions.reduce((sum, q) => sum + (best.get(q.id) ?? 0), 0) / quiz.questions.length;
}

/**
 * Grades and stores one attempt. The attempt number is unique per learner and question in the
 * database: when two submissions race for the last attempt, one insert fails, its whole batch
 * (learner, attempt, progress) rolls back, and the retry sees the limit and refuses. Nothing is
 * written for a refused submission.
 */
export async function submitAttempt(
  learnerId: string,
  chapterRevision: string,
  quiz: LoadedQuiz,
  input: SubmitAttempt,
): Promise<SubmitOutcome> {
  const question = quiz.questions.find((q) => q.id === input.questionId);
  if (!question) return { ok: false, status: 404, error: `Unknown question "${input.questionId}".` };
  if (input.revision !== quiz.revision) {
    return { ok: false, status: 409, error: "This quiz was updated since you opened the page. Reload to see the current questions." };
  }
  const orderProblem = checkOrder(question, input.shownOrder);
  if (orderProblem) return { ok: false, status: 400, error: orderProblem };
  const graded = gradeAnswer(question.source, input.selected);
  if (!graded.ok) return { ok: false, status: 400, error: graded.error };
  const { grade } = graded;

  for (let tries = 0; tries < 5; tries++) {
    // One read gives the attempt count, an earlier correct answer and the best scores so far.
    const earlier = await db.quizAttempt.findMany({
      where: { learnerId, chapterId: quiz.chapterId },
      select: { questionId: true, score: true, correct: true },
    });
    const mine = earlier.filter((a) => a.questionId === question.id);
    if (mine.some((a) => a.correct)) return { ok: false, status: 409, error: "You have already answered this question correctly." };
    if (mine.length >= question.maxAttempts) {
      return { ok: false, status: 409, error: `You have used all ${question.maxAttempts} attempts for this question.` };
    }
    const attempt = mine.length + 1;
    const score = bestScore(quiz, [...earlier, { questionId: question.id, score: grade.score }]);
    const passed = score >= quiz.passingScore;
    const now = new Date();
    try {
      // Plain INSERT … ON CONFLICT statements (the same SQL on SQLite and PostgreSQL) keep this
      // write path to three statements in one transaction.
      await db.$transaction([
        db.$executeRaw`INSERT INTO "Learner" ("id", "createdAt") VALUES (${learnerId}, ${now}) ON CONFLICT DO NOTHING`,
        db.quizAttempt.create({
          data: {
            learnerId,
            chapterId: quiz.chapterId,
            questionId: question.id,
            revision: quiz.revision,
            attempt,
            selected: JSON.stringify(input.selected),
            shownOrder: JSON.stringify(input.shownOrder),
            score: grade.score,
            correct: grade.verdict === "correct",
          },
          select: { id: true },
        }),
        // The best score only goes up; once passed, a chapter stays passed (first time kept).
        db.$executeRaw`
          INSERT INTO "ChapterProgress" ("learnerId", "chapterId", "revision", "cellsRun", "quizBestScore", "quizPassedAt", "updatedAt")
          VALUES (${learnerId}, ${quiz.chapterId}, ${chapterRevision}, '[]', ${score}, ${passed ? now : null}, ${now})
          ON CONFLICT ("learnerId", "chapterId") DO UPDATE SET
            "quizBestScore" = CASE
              WHEN "ChapterProgress"."quizBestScore" IS NULL OR excluded."quizBestScore" > "ChapterProgress"."quizBestScore"
              THEN excluded."quizBestScore" ELSE "ChapterProgress"."quizBestScore" END,
            "quizPassedAt" = COALESCE("ChapterProgress"."quizPassedAt", excluded."quizPassedAt"),
            "updatedAt" = excluded."updatedAt"`,
      ]);
    } catch (e) {
      if (isUniqueViolation(e)) continue; // another submission took this attempt number: read again
      throw e;
    }
    return {
      ok: true,
      result: buildResult(question, grade, input.selected, attempt, attempt),
      progress: { bestScore: score, passed, passingScore: quiz.passingScore },
    };
  }
  return { ok: false, status: 409, error: "Too many submissions at once for this question. Please try again." };
}

/** The learner's attempts so far: per question the count and the last result (resume). */
export async function quizState(learnerId: string | null, quiz: LoadedQuiz): Promise<QuizState> {
  const attempts = learnerId
    ? await db.quizAttempt.findMany({
        where: { learnerId, chapterId: quiz.chapterId },
        select: { questionId: true, attempt: true, selected: true },
        orderBy: { attempt: "asc" },
      })
    : [];
  const progress = learnerId
    ? await db.chapterProgress.findUnique({
        where: { learnerId_chapterId: { learnerId, chapterId: quiz.chapterId } },
        select: { quizBestScore: true, quizPassedAt: true },
      })
    : null;
  const questions: QuizState["questions"] = {};
  for (const q of quiz.questions) {
    const mine = attempts.filter((a) => a.questionId === q.id);
    const last = mine.at(-1);
    let result: AttemptResult | null = null;
    if (last) {
      // Re-grade the stored selection against the current quiz (choices that no longer exist are dropped).
      const known = new Set(q.choices.map((c) => c.id));
      const selected = (JSON.parse(last.selected) as string[]).filter((id) => known.has(id));
      const graded = gradeAnswer(q.source, selected);
      if (graded.ok) result = buildResult(q, graded.grade, selected, last.attempt, mine.length);
    }
    questions[q.id] = { attemptsUsed: mine.length, maxAttempts: q.maxAttempts, last: result };
  }
  return {
    revision: quiz.revision,
    questions,
    progress: { bestScore: progress?.quizBestScore ?? null, passed: Boolean(progress?.quizPassedAt), passingScore: quiz.passingScore },
  };
}
