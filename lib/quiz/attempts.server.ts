// Storing graded attempts with the attempt limit enforced by the database, and reading them back.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, retryBusy } from "@/lib/db.server";
import { gradeAnswer, type Grade } from "./grade";
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

type Job = { learnerId: string; chapterRevision: string; quiz: LoadedQuiz; question: LoadedQuestion; input: SubmitAttempt; grade: Grade };
type Earlier = { questionId: string; score: number; correct: boolean };
type Decision = { ok: false; status: 409; error: string } | { ok: true; attempt: number; score: number; passed: boolean };

/** What to do with a submission given the learner's earlier attempts in this chapter (pure). */
function decide(job: Job, earlier: Earlier[]): Decision {
  const mine = earlier.filter((a) => a.questionId === job.question.id);
  if (mine.some((a) => a.correct)) return { ok: false, status: 409, error: "You have already answered this question correctly." };
  if (mine.length >= job.question.maxAttempts) {
    return { ok: false, status: 409, error: `You have used all ${job.question.maxAttempts} attempts for this question.` };
  }
  const score = bestScore(job.quiz, [...earlier, { questionId: job.question.id, score: job.grade.score }]);
  return { ok: true, attempt: mine.length + 1, score, passed: score >= job.quiz.passingScore };
}

function outcome(job: Job, d: Extract<Decision, { ok: true }>): SubmitOutcome {
  return {
    ok: true,
    result: buildResult(job.question, job.grade, job.input.selected, d.attempt, d.attempt),
    progress: { bestScore: d.score, passed: d.passed, passingScore: job.quiz.passingScore },
  };
}

/**
 * Writes accepted attempts, their learners and their chapter progress in one transaction, with
 * one INSERT per table (the same SQL on SQLite and PostgreSQL). The attempt number is unique per
 * learner and question, so a submission racing for the same attempt makes the whole write fail.
 */
async function write(accepted: { job: Job; d: Extract<Decision, { ok: true }> }[]) {
  const now = new Date();
  const learners = [...new Set(accepted.map((a) => a.job.learnerId))];
  await db.$transaction([
    db.$executeRaw`INSERT INTO "Learner" ("id", "createdAt") VALUES ${Prisma.join(learners.map((id) => Prisma.sql`(${id}, ${now})`))} ON CONFLICT DO NOTHING`,
    db.quizAttempt.createMany({
      data: accepted.map(({ job, d }) => ({
        learnerId: job.learnerId,
        chapterId: job.quiz.chapterId,
        questionId: job.question.id,
        revision: job.quiz.revision,
        attempt: d.attempt,
        selected: JSON.stringify(job.input.selected),
        shownOrder: JSON.stringify(job.input.shownOrder),
        score: job.grade.score,
        correct: job.grade.verdict === "correct",
        createdAt: now,
      })),
    }),
    // The best score only goes up; once passed, a chapter stays passed (first time kept).
    db.$executeRaw`
      INSERT INTO "ChapterProgress" ("learnerId", "chapterId", "revision", "cellsRun", "quizBestScore", "quizPassedAt", "updatedAt")
      VALUES ${Prisma.join(accepted.map(({ job, d }) => Prisma.sql`(${job.learnerId}, ${job.quiz.chapterId}, ${job.chapterRevision}, '[]', ${d.score}, ${d.passed ? now : null}, ${now})`))}
      ON CONFLICT ("learnerId", "chapterId") DO UPDATE SET
        "quizBestScore" = CASE
          WHEN "ChapterProgress"."quizBestScore" IS NULL OR excluded."quizBestScore" > "ChapterProgress"."quizBestScore"
          THEN excluded."quizBestScore" ELSE "ChapterProgress"."quizBestScore" END,
        "quizPassedAt" = COALESCE("ChapterProgress"."quizPassedAt", excluded."quizPassedAt"),
        "updatedAt" = excluded."updatedAt"`,
  ]);
}

/** One submission on its own: read, decide, write; on a lost race, read again and decide again. */
async function submitAlone(job: Job): Promise<SubmitOutcome> {
  for (let tries = 0; tries < 5; tries++) {
    const earlier = await db.quizAttempt.findMany({
      where: { learnerId: job.learnerId, chapterId: job.quiz.chapterId },
      select: { questionId: true, score: true, correct: true },
    });
    const d = decide(job, earlier);
    if (!d.ok) return d;
    try {
      await retryBusy(() => write([{ job, d }]));
      return outcome(job, d);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return { ok: false, status: 409, error: "Too many submissions at once for this question. Please try again." };
}

/**
 * Group commit: submissions that arrive while a write is in progress are written together, one
 * read and one transaction for the whole group. At most one submission per learner and chapter
 * goes into a group, so each sees the previous one's attempt. If a group's write fails on a
 * unique constraint (a race with another server process), its submissions run one by one.
 */
class SubmissionQueue {
  private waiting: { job: Job; resolve: (o: SubmitOutcome) => void; reject: (e: unknown) => void }[] = [];
  private draining = false;
  private scheduled = false;

  submit(job: Job): Promise<SubmitOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      // SQLite calls are synchronous: wait until the requests already received have queued up.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.drain();
        });
      }
    });
  }

  private async drain() {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiting.length) {
        const group: typeof this.waiting = [];
        const later: typeof this.waiting = [];
        const keys = new Set<string>();
        for (const item of this.waiting) {
          const key = `${item.job.learnerId}\u0000${item.job.quiz.chapterId}`;
          if (keys.has(key) || group.length >= 200) later.push(item);
          else {
            keys.add(key);
            group.push(item);
          }
        }
        this.waiting = later;
        await this.flush(group);
      }
    } finally {
      this.draining = false;
    }
  }

  private async flush(group: typeof this.waiting) {
    try {
      const earlier = await db.quizAttempt.findMany({
        where: { learnerId: { in: [...new Set(group.map(({ job }) => job.learnerId))] } },
        select: { learnerId: true, chapterId: true, questionId: true, score: true, correct: true },
      });
      const decisions = group.map(({ job }) => decide(job, earlier.filter((a) => a.learnerId === job.learnerId && a.chapterId === job.quiz.chapterId)));
      const accepted = group.flatMap(({ job }, i) => {
        const d = decisions[i];
        return d.ok ? [{ job, d }] : [];
      });
      if (accepted.length) await retryBusy(() => write(accepted));
      group.forEach(({ job, resolve }, i) => {
        const d = decisions[i];
        resolve(d.ok ? outcome(job, d) : d);
      });
    } catch (e) {
      if (!isUniqueViolation(e)) return group.forEach(({ reject }) => reject(e));
      for (const { job, resolve, reject } of group) await submitAlone(job).then(resolve, reject);
    }
  }
}

const queue = new SubmissionQueue();

/** Grades and stores one attempt. Nothing is written for a refused submission. */
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
  return queue.submit({ learnerId, chapterRevision, quiz, question, input, grade: graded.grade });
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
