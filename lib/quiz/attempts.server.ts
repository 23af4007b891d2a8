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
async function bestScore(tx: Prisma.TransactionClient, learnerId: string, quiz: LoadedQuiz): Promise<number> {
  const best = await tx.quizAttempt.groupBy({
    by: ["questionId"],
    where: { learnerId, chapterId: quiz.chapterId },
    _max: { score: true },
  });
  const known = new Set(quiz.questions.map((q) => q.id));
  const total = best.filter((b) => known.has(b.questionId)).reduce((sum, b) => sum + (b._max.score ?? 0), 0);
  return total / quiz.questions.length;
}

/**
 * Grades and stores one attempt. The attempt number is unique per learner and question in the
 * database, so two concurrent submissions cannot both take the last attempt: the loser retries,
 * sees the limit, and is refused without writing anything.
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
    try {
      return await db.$transaction(async (tx) => {
        const used = await tx.quizAttempt.count({ where: { learnerId, chapterId: quiz.chapterId, questionId: question.id } });
        if (used >= question.maxAttempts) {
          return { ok: false as const, status: 409 as const, error: `You have used all ${question.maxAttempts} attempts for this question.` };
        }
        const previouslyCorrect = await tx.quizAttempt.count({ where: { learnerId, chapterId: quiz.chapterId, questionId: question.id, correct: true } });
        if (previouslyCorrect > 0) {
          return { ok: false as const, status: 409 as const, error: "You have already answered this question correctly." };
        }
        await tx.learner.upsert({ where: { id: learnerId }, create: { id: learnerId }, update: {}, select: { id: true } });
        const attempt = used + 1;
        await tx.quizAttempt.create({
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
        });
        const score = await bestScore(tx, learnerId, quiz);
        const passed = score >= quiz.passingScore;
        const existing = await tx.chapterProgress.findUnique({
          where: { learnerId_chapterId: { learnerId, chapterId: quiz.chapterId } },
          select: { quizPassedAt: true },
        });
        const quizPassedAt = existing?.quizPassedAt ?? (passed ? new Date() : null);
        await tx.chapterProgress.upsert({
          where: { learnerId_chapterId: { learnerId, chapterId: quiz.chapterId } },
          create: { learnerId, chapterId: quiz.chapterId, revision: chapterRevision, quizBestScore: score, quizPassedAt },
          update: { quizBestScore: score, quizPassedAt },
          select: { id: true },
        });
        return {
          ok: true as const,
          result: buildResult(question, grade, input.selected, attempt, attempt),
          progress: { bestScore: score, passed: quizPassedAt !== null, passingScore: quiz.passingScore },
        };
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another submission took this attempt number: count again
    }
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
