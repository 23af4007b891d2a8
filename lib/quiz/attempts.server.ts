// Storing graded attempts (the attempt limit enforced by the database), retakes, and the quiz
// state a learner's page shows, with choices in the learner's own order under opaque ids.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, retryBusy } from "@/lib/db.server";
import { learnerSecret } from "@/lib/secrets.server";
import { groupCommit } from "@/lib/group-commit";
import { defined } from "@/lib/invariant";
import { gradeAnswer, type Grade } from "./grade";
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
  return choiceView(
    await learnerSecret(),
    at,
    question.choices.map((c) => c.id),
    question.shuffle,
  );
}

/** The result as the browser sees it: the learner's order and opaque ids. */
function forBrowser(result: AttemptResult, view: ChoiceView): AttemptResult {
  return { ...result, choices: result.choices.map((c) => ({ ...c, id: view.publicId.get(c.id)! })) };
}

const progressKey = (learnerId: string, chapterId: string) => ({ learnerId_chapterId: { learnerId, chapterId } });

/** A graded submission waiting for its write. */
type Job = {
  learnerId: string;
  chapterRevision: string;
  quiz: LoadedQuiz;
  question: LoadedQuestion;
  input: SubmitAttempt;
  view: ChoiceView;
  /** Authoring ids of the selected choices. */
  selected: string[];
  grade: Grade;
};

/** What the database holds for a job's learner and chapter. */
type Seen = {
  /** The learner's row exists (else this write creates it). */
  learnerStored: boolean;
  progress: { quizRound: number; quizBestScore: number | null; quizPassedAt: Date | null } | null;
  attempts: (Earlier & { round: number })[];
};

type Accepted = {
  job: Job;
  attempt: number;
  bestScore: number;
  /** The best score is higher than the stored one (or there is no progress row yet). */
  raisesBest: boolean;
  /** Passed with this attempt, for the first time. */
  passesNow: boolean;
  outcome: Extract<SubmitOutcome, { ok: true }>;
};

/** Whether a submission is accepted, given what is stored (pure). */
function decide(job: Job, seen: Seen): Accepted | Extract<SubmitOutcome, { ok: false }> {
  const { quiz, question, grade } = job;
  const round = seen.progress?.quizRound ?? 1;
  if (round !== job.input.round)
    return {
      ok: false,
      status: 409,
      stale: true,
      error: "You retook this quiz in another tab or window; this page now shows the new round.",
    };
  const earlier = seen.attempts.filter((a) => a.round === round);
  const mine = earlier.filter((a) => a.questionId === question.id);
  if (mine.some((a) => a.correct))
    return { ok: false, status: 409, stale: true, error: "You have already answered this question correctly." };
  if (mine.length >= question.maxAttempts) {
    return { ok: false, status: 409, stale: true, error: `You have used all ${question.maxAttempts} attempts for this question.` };
  }
  const attempt = mine.length + 1;
  const after = roundProgress(
    quiz,
    [...earlier, { questionId: question.id, score: grade.score, correct: grade.verdict === "correct" }],
    null,
    false,
  );
  const passedNow = after.roundScore >= quiz.passingScore;
  const stored = seen.progress?.quizBestScore ?? null;
  const bestScore = Math.max(stored ?? 0, after.roundScore);
  const passed = passedNow || Boolean(seen.progress?.quizPassedAt);
  const result = buildResult(question, grade, job.selected, attempt, attempt, job.view.order);
  return {
    job,
    attempt,
    bestScore,
    raisesBest: stored === null || bestScore > stored,
    passesNow: passedNow && !seen.progress?.quizPassedAt,
    outcome: { ok: true, result: forBrowser(result, job.view), progress: { ...after, bestScore, passed } },
  };
}

/**
 * The writes for a group of accepted submissions (at most one per learner and chapter), in one
 * batch transaction of typed calls: learners and progress rows that do not exist yet, every
 * attempt in one insert, then per learner only what changed. The best score is raised by a
 * conditional update, so a concurrent lower score (another process) can never lower it. A unique
 * key (attempt number, progress row) that another process took first fails the whole batch.
 */
async function write(accepted: Accepted[], seen: Map<string, Seen>) {
  const now = new Date();
  const fresh = accepted.filter((a) => seen.get(seenKey(a.job))!.progress === null);
  const newLearners = [...new Set(accepted.filter((a) => !seen.get(seenKey(a.job))!.learnerStored).map((a) => a.job.learnerId))];
  await retryBusy(() =>
    db.$transaction([
      // One insert for the group's new learners (a learner another process stored meanwhile is a
      // unique-key race: the group is decided again, one job at a time, read afresh).
      ...(newLearners.length ? [db.learner.createMany({ data: newLearners.map((id) => ({ id })) })] : []),
      db.quizAttempt.createMany({
        data: accepted.map(({ job, attempt }) => ({
          learnerId: job.learnerId,
          chapterId: job.quiz.chapterId,
          questionId: job.question.id,
          revision: job.quiz.quizRevision,
          round: job.input.round,
          attempt,
          selected: JSON.stringify(job.selected),
          shownOrder: JSON.stringify(job.view.order),
          score: job.grade.score,
          correct: job.grade.verdict === "correct",
          createdAt: now,
        })),
      }),
      ...(fresh.length
        ? [
            db.chapterProgress.createMany({
              data: fresh.map(({ job, bestScore, passesNow }) => ({
                learnerId: job.learnerId,
                chapterId: job.quiz.chapterId,
                revision: job.chapterRevision,
                quizBestScore: bestScore,
                quizPassedAt: passesNow ? now : null,
              })),
            }),
          ]
        : []),
      ...accepted
        .filter((a) => seen.get(seenKey(a.job))!.progress !== null)
        .flatMap(({ job, bestScore, raisesBest, passesNow }) => {
          const where = { learnerId: job.learnerId, chapterId: job.quiz.chapterId };
          return [
            ...(raisesBest
              ? [
                  db.chapterProgress.updateMany({
                    where: { ...where, OR: [{ quizBestScore: null }, { quizBestScore: { lt: bestScore } }] },
                    data: { quizBestScore: bestScore },
                  }),
                ]
              : []),
            // Once passed, a chapter stays passed (the first time is kept).
            ...(passesNow ? [db.chapterProgress.updateMany({ where: { ...where, quizPassedAt: null }, data: { quizPassedAt: now } })] : []),
          ];
        }),
    ]),
  );
}

const seenKey = (job: Pick<Job, "learnerId" | "quiz">) => `${job.learnerId}\u0000${job.quiz.chapterId}`;

/** One read of everything a group's decisions need (its learners, their progress and attempts). */
async function readSeen(jobs: Job[]): Promise<Map<string, Seen>> {
  const learnerIds = [...new Set(jobs.map((j) => j.learnerId))];
  const chapterIds = [...new Set(jobs.map((j) => j.quiz.chapterId))];
  const [learners, progress, attempts] = await Promise.all([
    db.learner.findMany({ where: { id: { in: learnerIds } }, select: { id: true } }),
    db.chapterProgress.findMany({
      where: { learnerId: { in: learnerIds }, chapterId: { in: chapterIds } },
      select: { learnerId: true, chapterId: true, quizRound: true, quizBestScore: true, quizPassedAt: true },
    }),
    db.quizAttempt.findMany({
      where: { learnerId: { in: learnerIds }, chapterId: { in: chapterIds } },
      select: { learnerId: true, chapterId: true, round: true, questionId: true, score: true, correct: true },
    }),
  ]);
  const stored = new Set(learners.map((l) => l.id));
  const seen = new Map<string, Seen>(
    jobs.map((j) => [seenKey(j), { learnerStored: stored.has(j.learnerId), progress: null, attempts: [] }]),
  );
  for (const { learnerId, chapterId, ...row } of progress) {
    const entry = seen.get(`${learnerId}\u0000${chapterId}`);
    if (entry) entry.progress = row;
  }
  for (const { learnerId, chapterId, ...row } of attempts) seen.get(`${learnerId}\u0000${chapterId}`)?.attempts.push(row);
  return seen;
}

/** Reads, decides and writes a group; the results in the jobs' order. */
async function flushGroup(jobs: Job[]): Promise<SubmitOutcome[]> {
  const seen = await readSeen(jobs);
  const decisions = jobs.map((job) => decide(job, seen.get(seenKey(job))!));
  const accepted = decisions.filter((d): d is Accepted => "job" in d);
  if (accepted.length) await write(accepted, seen);
  return decisions.map((d) => ("job" in d ? d.outcome : d));
}

/**
 * A group whose write lost a race with another process (a unique key) is decided again one job
 * at a time, each read afresh (up to 5 tries each).
 */
async function flushOrRetry(jobs: Job[]): Promise<SubmitOutcome[]> {
  try {
    return await flushGroup(jobs);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const results: SubmitOutcome[] = [];
  for (const job of jobs) {
    let outcome: SubmitOutcome = { ok: false, status: 409, error: "Too many submissions at once for this question. Please try again." };
    for (let tries = 0; tries < 5; tries++) {
      try {
        outcome = defined((await flushGroup([job]))[0], "the outcome of a group of one");
        break;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    results.push(outcome);
  }
  return results;
}

/** Submissions of this process, written in groups (lib/group-commit.ts). */
const submitJob = groupCommit(flushOrRetry, { key: seenKey, maxGroup: 200 });

/**
 * Grades and stores one attempt. The attempt number is unique per learner, question and round,
 * so the limit holds across processes too. Nothing is written for a refused submission.
 */
export async function submitAttempt(
  learnerId: string,
  chapterRevision: string,
  quiz: LoadedQuiz,
  input: SubmitAttempt,
): Promise<SubmitOutcome> {
  const question = quiz.questions.find((q) => q.id === input.questionId);
  if (!question) return { ok: false, status: 404, error: `Unknown question "${input.questionId}".` };
  if (input.quizRevision !== quiz.quizRevision) {
    return {
      ok: false,
      status: 409,
      stale: true,
      error: "This quiz was updated since you opened the page. Reload to see the current questions.",
    };
  }
  const view = await viewFor(learnerId, quiz, question, input.round);
  const selected = input.selected.map((id) => view.authoringId.get(id));
  const graded = selected.every((id) => id !== undefined) ? gradeAnswer(question.source, selected as string[]) : null;
  if (!graded || !graded.ok) {
    // Ids from another round are a stale page, not a bad request: the round is checked first.
    const progress = await db.chapterProgress.findUnique({ where: progressKey(learnerId, quiz.chapterId), select: { quizRound: true } });
    if ((progress?.quizRound ?? 1) !== input.round)
      return {
        ok: false,
        status: 409,
        stale: true,
        error: "You retook this quiz in another tab or window; this page now shows the new round.",
      };
    return { ok: false, status: 400, error: graded ? graded.error : "Unknown choice: send the ids the quiz state gave this page." };
  }
  return submitJob({ learnerId, chapterRevision, quiz, question, input, view, selected: selected as string[], grade: graded.grade });
}

/**
 * Starts a new round when the learner may retake (pass mark out of reach, or every question
 * finished): fresh order and ids, attempts reset; the best score and earlier attempts are kept.
 */
export async function retakeQuiz(
  learnerId: string,
  quiz: LoadedQuiz,
  input: Retake,
): Promise<{ ok: true } | { ok: false; status: 409; error: string }> {
  if (input.quizRevision !== quiz.quizRevision)
    return { ok: false, status: 409, error: "This quiz was updated since you opened the page. Reload to see the current questions." };
  return retryBusy(() =>
    db.$transaction(async (tx) => {
      const key = progressKey(learnerId, quiz.chapterId);
      const progress = await tx.chapterProgress.findUnique({
        where: key,
        select: { quizRound: true, quizBestScore: true, quizPassedAt: true },
      });
      const round = progress?.quizRound ?? 1;
      if (!progress || round !== input.round)
        return { ok: false as const, status: 409 as const, error: "This page is out of date: it now shows your current round." };
      const attempts = await tx.quizAttempt.findMany({
        where: { learnerId, chapterId: quiz.chapterId, round },
        select: { questionId: true, score: true, correct: true },
      });
      if (!roundProgress(quiz, attempts, progress.quizBestScore, Boolean(progress.quizPassedAt)).canRetake) {
        return {
          ok: false as const,
          status: 409 as const,
          error: "Finish the questions you can still answer first: the pass mark is still within reach.",
        };
      }
      // Conditional on the round, so two tabs retaking at once start one new round, not two.
      await tx.chapterProgress.updateMany({
        where: { learnerId, chapterId: quiz.chapterId, quizRound: round },
        data: { quizRound: round + 1 },
      });
      return { ok: true as const };
    }),
  );
}

/** The learner's current round: per question their choices, attempts used and last result. */
export async function quizState(learnerId: string, known: boolean, quiz: LoadedQuiz): Promise<QuizState> {
  const progress = known
    ? await db.chapterProgress.findUnique({
        where: progressKey(learnerId, quiz.chapterId),
        select: { quizRound: true, quizBestScore: true, quizPassedAt: true },
      })
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
      choices: view.order.map((id) => {
        const choice = byId.get(id)!;
        return { id: view.publicId.get(id)!, html: choice.html, ...(choice.label ? { label: choice.label } : {}) };
      }),
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
