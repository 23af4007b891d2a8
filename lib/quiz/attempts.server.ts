// Storing graded attempts (the attempt limit enforced by the database), retakes, and the quiz
// state a learner's page shows, with choices in the learner's own order under opaque ids.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, retryBusy } from "@/lib/db.server";
import { learnerSecret } from "@/lib/secrets.server";
import { gradeAnswer } from "./grade";
import { choiceView, type ChoiceView } from "./order";
import type { LoadedQuestion, LoadedQuiz } from "./quiz.server";
import { buildResult } from "./result";
import type { Retake, SubmitAttempt } from "./schema";
import type { AttemptResult, QuizProgress, QuizState } from "./types";

export type SubmitOutcome =
  | { ok: true; result: AttemptResult; progress: QuizProgress }
  /** `stale`: the page is out of date (another tab answered or retook); it should show `state`. */
  | { ok: false; status: 400 | 404 | 409; error: string; stale?: true };

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

type Earlier = { questionId: string; score: number; correct: boolean };

/** Per question of this round: attempts used, best score, solved. */
function roundSummary(quiz: LoadedQuiz, attempts: readonly Earlier[]) {
  return quiz.questions.map((q) => {
    const mine = attempts.filter((a) => a.questionId === q.id);
    const best = mine.reduce((m, a) => Math.max(m, a.score), 0);
    const solved = mine.some((a) => a.correct);
    return { used: mine.length, best, finished: solved || mine.length >= q.maxAttempts };
  });
}

/** The round's score and what the learner can still do (pure). */
export function roundProgress(quiz: LoadedQuiz, attempts: readonly Earlier[], bestEver: number | null, passed: boolean): QuizProgress {
  const per = roundSummary(quiz, attempts);
  const n = quiz.questions.length;
  const roundScore = per.reduce((s, q) => s + q.best, 0) / n;
  // Unfinished questions can still earn full credit; finished ones keep their best.
  const reachable = per.reduce((s, q) => s + (q.finished ? q.best : 1), 0) / n;
  const passReachable = reachable >= quiz.passingScore - 1e-9;
  const allFinished = per.every((q) => q.finished);
  return {
    bestScore: bestEver,
    roundScore,
    answeredAll: per.every((q) => q.used > 0),
    passed,
    passingScore: quiz.passingScore,
    passReachable,
    canRetake: allFinished || !passReachable,
  };
}

async function viewFor(learnerId: string, quiz: LoadedQuiz, question: LoadedQuestion, round: number): Promise<ChoiceView> {
  const at = { learnerId, quizRevision: quiz.quizRevision, questionId: question.id, round };
  return choiceView(await learnerSecret(), at, question.choices.map((c) => c.id), question.shuffle);
}

/** The result as the browser sees it: the learner's order and opaque ids. */
function forBrowser(result: AttemptResult, view: ChoiceView): AttemptResult {
  return { ...result, choices: result.choices.map((c) => ({ ...c, id: view.publicId.get(c.id)! })) };
}

const progressKey = (learnerId: string, chapterId: string) => ({ learnerId_chapterId: { learnerId, chapterId } });

/**
 * Grades and stores one attempt: read, decide, then one transaction of typed Prisma writes. The
 * attempt number is unique per learner, question and round, so a submission racing for the same
 * attempt fails there and is decided again. Nothing is written for a refused submission.
 */
export async function submitAttempt(learnerId: string, chapterRevision: string, quiz: LoadedQuiz, input: SubmitAttempt): Promise<SubmitOutcome> {
  const question = quiz.questions.find((q) => q.id === input.questionId);
  if (!question) return { ok: false, status: 404, error: `Unknown question "${input.questionId}".` };
  if (input.quizRevision !== quiz.quizRevision) {
    return { ok: false, status: 409, stale: true, error: "This quiz was updated since you opened the page. Reload to see the current questions." };
  }
  const view = await viewFor(learnerId, quiz, question, input.round);
  const selected = input.selected.map((id) => view.authoringId.get(id));
  const graded = selected.every((id) => id !== undefined) ? gradeAnswer(question.source, selected as string[]) : null;

  for (let tries = 0; tries < 5; tries++) {
    const key = progressKey(learnerId, quiz.chapterId);
    const [progress, earlierAll] = await Promise.all([
      db.chapterProgress.findUnique({ where: key, select: { quizRound: true, quizBestScore: true, quizPassedAt: true } }),
      db.quizAttempt.findMany({ where: { learnerId, chapterId: quiz.chapterId }, select: { round: true, questionId: true, score: true, correct: true } }),
    ]);
    const round = progress?.quizRound ?? 1;
    if (round !== input.round) return { ok: false, status: 409, stale: true, error: "You retook this quiz in another tab or window; this page now shows the new round." };
    // Checked after the round: ids from another round are a stale page, not a bad request.
    if (!graded) return { ok: false, status: 400, error: "Unknown choice: send the ids the quiz state gave this page." };
    if (!graded.ok) return { ok: false, status: 400, error: graded.error };
    const earlier = earlierAll.filter((a) => a.round === round);
    const mine = earlier.filter((a) => a.questionId === question.id);
    if (mine.some((a) => a.correct)) return { ok: false, status: 409, stale: true, error: "You have already answered this question correctly." };
    if (mine.length >= question.maxAttempts) {
      return { ok: false, status: 409, stale: true, error: `You have used all ${question.maxAttempts} attempts for this question.` };
    }
    const attempt = mine.length + 1;
    const grade = graded.grade;
    const now = new Date();
    const after = roundProgress(quiz, [...earlier, { questionId: question.id, score: grade.score, correct: grade.verdict === "correct" }], null, false);
    const passedNow = after.roundScore >= quiz.passingScore;
    const bestScore = Math.max(progress?.quizBestScore ?? 0, after.roundScore);
    try {
      // One batch transaction of typed writes (a single round trip to the engine): a submission
      // that raced for the same attempt number fails on the unique key and is decided again.
      await retryBusy(() =>
        db.$transaction([
          db.learner.upsert({ where: { id: learnerId }, create: { id: learnerId }, update: {}, select: { id: true } }),
          db.quizAttempt.create({
            data: {
              learnerId,
              chapterId: quiz.chapterId,
              questionId: question.id,
              revision: quiz.quizRevision,
              round,
              attempt,
              selected: JSON.stringify(selected),
              shownOrder: JSON.stringify(view.order),
              score: grade.score,
              correct: grade.verdict === "correct",
              createdAt: now,
            },
            select: { id: true },
          }),
          // The best score only goes up; once passed, a chapter stays passed (first time kept).
          db.chapterProgress.upsert({
            where: key,
            create: { learnerId, chapterId: quiz.chapterId, revision: chapterRevision, quizBestScore: bestScore, quizPassedAt: passedNow ? now : null },
            update: passedNow && !progress?.quizPassedAt ? { quizPassedAt: now } : { updatedAt: now },
            select: { id: true },
          }),
          // Conditional, so a concurrent submission with a lower score can never lower it.
          db.chapterProgress.updateMany({
            where: { learnerId, chapterId: quiz.chapterId, OR: [{ quizBestScore: null }, { quizBestScore: { lt: bestScore } }] },
            data: { quizBestScore: bestScore },
          }),
        ]),
      );
    } catch (e) {
      if (isUniqueViolation(e)) continue;
      throw e;
    }
    const passed = passedNow || Boolean(progress?.quizPassedAt);
    const result = buildResult(question, grade, selected as string[], attempt, attempt, view.order);
    return { ok: true, result: forBrowser(result, view), progress: { ...after, bestScore, passed } };
  }
  return { ok: false, status: 409, error: "Too many submissions at once for this question. Please try again." };
}

/**
 * Starts a new round when the learner may retake (pass mark out of reach, or every question
 * finished): fresh order and ids, attempts reset; the best score and earlier attempts are kept.
 */
export async function retakeQuiz(learnerId: string, quiz: LoadedQuiz, input: Retake): Promise<{ ok: true } | { ok: false; status: 409; error: string }> {
  if (input.quizRevision !== quiz.quizRevision) return { ok: false, status: 409, error: "This quiz was updated since you opened the page. Reload to see the current questions." };
  return retryBusy(() =>
    db.$transaction(async (tx) => {
      const key = progressKey(learnerId, quiz.chapterId);
      const progress = await tx.chapterProgress.findUnique({ where: key, select: { quizRound: true, quizBestScore: true, quizPassedAt: true } });
      const round = progress?.quizRound ?? 1;
      if (!progress || round !== input.round) return { ok: false as const, status: 409 as const, error: "This page is out of date: it now shows your current round." };
      const attempts = await tx.quizAttempt.findMany({ where: { learnerId, chapterId: quiz.chapterId, round }, select: { questionId: true, score: true, correct: true } });
      if (!roundProgress(quiz, attempts, progress.quizBestScore, Boolean(progress.quizPassedAt)).canRetake) {
        return { ok: false as const, status: 409 as const, error: "Finish the questions you can still answer first: the pass mark is still within reach." };
      }
      // Conditional on the round, so two tabs retaking at once start one new round, not two.
      await tx.chapterProgress.updateMany({ where: { learnerId, chapterId: quiz.chapterId, quizRound: round }, data: { quizRound: round + 1 } });
      return { ok: true as const };
    }),
  );
}

/** The learner's current round: per question their choices, attempts used and last result. */
export async function quizState(learnerId: string, known: boolean, quiz: LoadedQuiz): Promise<QuizState> {
  const progress = known
    ? await db.chapterProgress.findUnique({ where: progressKey(learnerId, quiz.chapterId), select: { quizRound: true, quizBestScore: true, quizPassedAt: true } })
    : null;
  const round = progress?.quizRound ?? 1;
  const attempts = known
    ? await db.quizAttempt.findMany({
        where: { learnerId, chapterId: quiz.chapterId, round },
        select: { questionId: true, attempt: true, selected: true, score: true, correct: true },
        orderBy: { attempt: "asc" },
      })
    : [];
  const questions: QuizState["questions"] = {};
  for (const q of quiz.questions) {
    const view = await viewFor(learnerId, quiz, q, round);
    const mine = attempts.filter((a) => a.questionId === q.id);
    const last = mine.at(-1);
    let result: AttemptResult | null = null;
    if (last) {
      // Re-grade the stored selection against the current quiz (choices that no longer exist are dropped).
      const known = new Set(q.choices.map((c) => c.id));
      const selected = (JSON.parse(last.selected) as string[]).filter((id) => known.has(id));
      const graded = gradeAnswer(q.source, selected);
      if (graded.ok) result = forBrowser(buildResult(q, graded.grade, selected, last.attempt, mine.length, view.order), view);
    }
    const byId = new Map(q.choices.map((c) => [c.id, c]));
    questions[q.id] = {
      choices: view.order.map((id) => ({ id: view.publicId.get(id)!, html: byId.get(id)!.html })),
      attemptsUsed: mine.length,
      maxAttempts: q.maxAttempts,
      last: result,
    };
  }
  return {
    quizRevision: quiz.quizRevision,
    round,
    questions,
    progress: roundProgress(quiz, attempts, progress?.quizBestScore ?? null, Boolean(progress?.quizPassedAt)),
  };
}
