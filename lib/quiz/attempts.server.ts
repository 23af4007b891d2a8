// Storing graded attempts and retakes; a learner's quiz state in their own order.
import "server-only";
import { db } from "@/lib/db.server";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db-errors";
import { learnerSecret } from "@/lib/secrets.server";
import { groupCommit } from "@/lib/group-commit";
import { defined } from "@/lib/invariant";
import { gradeAnswer, gradeNumber, gradeOrder, type Grade, type GradeResult } from "./grade";
import { choiceView, type ChoiceView } from "./order";
import { drawValues, evaluate, fill, type Values } from "./params";
import { renderFor, varies, type LoadedQuestion, type LoadedQuiz } from "./quiz.server";
import { buildPlainResult, buildResult, isRevealed, keyInWords, revealedUnsolved } from "./result";
import { drawRound } from "./round";
import type { Retake, SubmitAttempt } from "./schema";
import type { AttemptResult, QuestionState, QuizProgress, QuizState } from "./types";

export type SubmitOutcome =
  | { ok: true; result: AttemptResult; progress: QuizProgress }
  /** `stale`: another tab answered or retook; the page should show `state`. */
  | { ok: false; status: 400 | 404 | 409; error: string; stale?: true };

type Earlier = { questionId: string; score: number; correct: boolean; createdAt?: Date };

/** Per question: attempts used, best score, finished, solution shown unsolved. */
function roundSummary(questions: readonly LoadedQuestion[], attempts: readonly Earlier[]) {
  return questions.map((q) => {
    const mine = attempts.filter((a) => a.questionId === q.id);
    const best = mine.reduce((m, a) => Math.max(m, a.score), 0);
    const solved = mine.some((a) => a.correct);
    return {
      q,
      used: mine.length,
      best,
      finished: solved || mine.length >= q.maxAttempts,
      revealedUnsolved: revealedUnsolved(q, solved, mine.length),
    };
  });
}

/** The round's score and what the learner can still do (pure). */
export function roundProgress(
  quiz: Pick<LoadedQuiz, "passingScore" | "retakeAfterMinutes">,
  questions: readonly LoadedQuestion[],
  attempts: readonly Earlier[],
  bestEver: number | null,
  passed: boolean,
  lastAt: Date | null = null,
): QuizProgress {
  const per = roundSummary(questions, attempts);
  const n = Math.max(questions.length, 1);
  // Partial credit on an unfinished question would reveal its right choices: finished ones only.
  const roundScore = per.reduce((s, q) => s + (q.finished ? q.best : 0), 0) / n;
  // Unfinished questions can still earn full credit; finished ones keep their best.
  const reachable = per.reduce((s, q) => s + (q.finished ? q.best : 1), 0) / n;
  const passReachable = reachable >= quiz.passingScore - 1e-9;
  const roundFinished = per.every((q) => q.finished);
  const canRetake = roundFinished || !passReachable;
  const retakeAt =
    canRetake && quiz.retakeAfterMinutes > 0 && lastAt ? new Date(lastAt.getTime() + quiz.retakeAfterMinutes * 60_000) : null;
  return {
    bestScore: bestEver,
    roundScore,
    answeredAll: per.every((q) => q.used > 0),
    roundFinished,
    passed,
    passingScore: quiz.passingScore,
    passReachable,
    passBlocked: per.some((q) => q.revealedUnsolved),
    canRetake,
    retakeAt: retakeAt?.toISOString() ?? null,
  };
}

/**
 * The seed of everything drawn for a learner's round: its questions, their numbers, their order.
 * `drawer` is the learner id the rounds are drawn for (a chapter's progress moved into an account
 * keeps the id it was drawn for: ChapterProgress.drawKey).
 */
const roundSeed = (drawer: string, quiz: LoadedQuiz, round: number) => `${drawer}\u0000${quiz.quizRevision}\u0000${round}`;

/** Whom a learner's rounds of a chapter are drawn for. */
async function drawerOf(learnerId: string, chapterId: string): Promise<string> {
  const row = await db.chapterProgress.findUnique({ where: progressKey(learnerId, chapterId), select: { drawKey: true } });
  return row?.drawKey ?? learnerId;
}

/** The questions of a learner's round, in the order shown. */
export async function roundQuestions(drawer: string, quiz: LoadedQuiz, round: number): Promise<LoadedQuestion[]> {
  // A quiz that is not a bank (no draw, or all of it) keeps the author's order.
  if (quiz.draw >= quiz.questions.length) return quiz.questions;
  const ids = drawRound(
    await learnerSecret(),
    roundSeed(drawer, quiz, round),
    quiz.questions.map((q) => ({ id: q.id, varying: varies(q) })),
    quiz.draw,
  );
  return ids.map((id) => quiz.questions.find((q) => q.id === id)!);
}

/** A computed or predict question's numbers for this learner and round. */
async function valuesFor(drawer: string, quiz: LoadedQuiz, q: LoadedQuestion, round: number): Promise<Values> {
  if (q.kind !== "number") return {};
  return drawValues(await learnerSecret(), `${roundSeed(drawer, quiz, round)}\u0000${q.id}`, q.params);
}

/** Choices in this learner's order under opaque ids; steps never start in the right order. */
async function viewFor(drawer: string, quiz: LoadedQuiz, question: LoadedQuestion, round: number): Promise<ChoiceView> {
  const at = { learnerId: drawer, quizRevision: quiz.quizRevision, questionId: question.id, round };
  if (question.kind === "number") return { order: [], publicId: new Map(), authoringId: new Map() };
  if (question.kind === "choice")
    return choiceView(
      await learnerSecret(),
      at,
      question.choices.map((c) => c.id),
      question.shuffle,
    );
  const ids = question.steps.map((s) => s.id);
  const view = choiceView(await learnerSecret(), at, ids, true);
  if (view.order.every((id, i) => id === ids[i])) view.order.push(view.order.shift()!);
  return view;
}

/** How a question was answered, in authoring terms, and its grade. */
type Answered = { grade: Grade; stored: string[]; values: Values; response?: string };

/** Grades one submission of a question. */
function gradeSubmission(
  q: LoadedQuestion,
  view: ChoiceView,
  values: Values,
  input: Pick<SubmitAttempt, "selected" | "value" | "order">,
): { ok: true; answered: Answered } | { ok: false; error: string; foreignIds?: true } {
  const authoring = (ids: readonly string[]) => ids.map((id) => view.authoringId.get(id));
  let graded: GradeResult;
  let stored: string[];
  if (q.kind === "choice") {
    if (!input.selected) return { ok: false, error: "This question takes selected choices." };
    const ids = authoring(input.selected);
    if (ids.some((id) => id === undefined))
      return { ok: false, error: "Unknown choice: send the ids the quiz state gave this page.", foreignIds: true };
    stored = ids as string[];
    graded = gradeAnswer(q.source as Parameters<typeof gradeAnswer>[0], stored);
  } else if (q.kind === "ordering") {
    if (!input.order) return { ok: false, error: "This question takes an order of steps." };
    const ids = authoring(input.order);
    if (ids.some((id) => id === undefined))
      return { ok: false, error: "Unknown step: send the ids the quiz state gave this page.", foreignIds: true };
    stored = ids as string[];
    graded = gradeOrder(
      stored,
      q.steps.map((s) => s.id),
    );
  } else {
    if (input.value === undefined) return { ok: false, error: "This question takes a number." };
    stored = [input.value];
    graded = gradeNumber(input.value, evaluate(q.answer, values), q.tolerance);
  }
  if (!graded.ok) return { ok: false, error: graded.error };
  return { ok: true, answered: { grade: graded.grade, stored, values, response: q.kind === "number" ? input.value : undefined } };
}

/** The result of an answer, in authoring ids (forBrowser maps them). */
function resultOf(
  q: LoadedQuestion,
  answered: Answered,
  attempt: number,
  attemptsUsed: number,
  view: ChoiceView,
  roundFinished: boolean,
): AttemptResult {
  if (q.kind === "choice") return buildResult(q, answered.grade, answered.stored, attempt, attemptsUsed, view.order, roundFinished);
  if (q.kind === "ordering")
    return buildPlainResult(
      q,
      answered.grade,
      { order: answered.stored, correctOrder: q.steps.map((s) => s.id) },
      undefined,
      attempt,
      attemptsUsed,
      roundFinished,
    );
  const { explanationHtml } = renderFor(q, answered.values);
  return buildPlainResult(
    { ...q, explanationHtml },
    answered.grade,
    { response: answered.response ?? answered.stored[0] ?? "" },
    keyInWords(evaluate(q.answer, answered.values), q.tolerance, q.units),
    attempt,
    attemptsUsed,
    roundFinished,
  );
}

/** The result as the browser sees it: the learner's order and opaque ids. */
function forBrowser(result: AttemptResult, view: ChoiceView): AttemptResult {
  const pub = (id: string) => view.publicId.get(id)!;
  return {
    ...result,
    choices: result.choices.map((c) => ({ ...c, id: pub(c.id) })),
    ...(result.correctOrder ? { correctOrder: result.correctOrder.map(pub) } : {}),
  };
}

const progressKey = (learnerId: string, chapterId: string) => ({ learnerId_chapterId: { learnerId, chapterId } });

/** A graded submission waiting for its write. */
type Job = {
  learnerId: string;
  chapterRevision: string;
  quiz: LoadedQuiz;
  question: LoadedQuestion;
  roundQs: LoadedQuestion[];
  input: SubmitAttempt;
  view: ChoiceView;
  answered: Answered;
};

/** What the database holds for a job's learner and chapter. */
type Seen = {
  progress: { quizRound: number; quizBestScore: number | null; quizPassedAt: Date | null } | null;
  attempts: (Earlier & { round: number; createdAt: Date })[];
};

type Accepted = {
  job: Job;
  attempt: number;
  bestScore: number;
  /** The best score is higher than the stored one (or there is no progress row yet). */
  raisesBest: boolean;
  /** Passed with this attempt, for the first time. */
  passesNow: boolean;
  /** An earlier round showed solutions: this attempt stays out of first-attempt statistics. */
  informed: boolean;
  outcome: Extract<SubmitOutcome, { ok: true }>;
};

function solutionsSeenBefore(quiz: LoadedQuiz, attempts: Seen["attempts"], round: number): boolean {
  for (let r = 1; r < round; r++) {
    const mine = attempts.filter((a) => a.round === r);
    const byQuestion = new Map<string, Earlier[]>();
    for (const a of mine) byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), a]);
    for (const [id, list] of byQuestion) {
      const q = quiz.questions.find((x) => x.id === id);
      if (!q || q.reveal.when === "never") continue;
      const solved = list.some((a) => a.correct);
      // Finished rounds show "round-end" solutions; solved or used-up questions show theirs.
      if (q.reveal.when === "round-end" || isRevealed(q.reveal, { verdict: solved ? "correct" : "incorrect" }, list.length)) return true;
    }
  }
  return false;
}

/** Whether a submission is accepted, given what is stored (pure). */
function decide(job: Job, seen: Seen): Accepted | Extract<SubmitOutcome, { ok: false }> {
  const { quiz, question, answered } = job;
  const grade = answered.grade;
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
  const before = roundProgress(quiz, job.roundQs, earlier, null, false);
  const after = roundProgress(
    quiz,
    job.roundQs,
    [...earlier, { questionId: question.id, score: grade.score, correct: grade.verdict === "correct" }],
    null,
    false,
    new Date(),
  );
  // A round that showed a solution before it was finished records no pass (its key was harvestable).
  const passedNow = after.roundScore >= quiz.passingScore && !before.passBlocked && !after.passBlocked;
  const stored = seen.progress?.quizBestScore ?? null;
  const bestScore = before.passBlocked || after.passBlocked ? (stored ?? 0) : Math.max(stored ?? 0, after.roundScore);
  const passed = passedNow || Boolean(seen.progress?.quizPassedAt);
  const result = resultOf(question, answered, attempt, attempt, job.view, after.roundFinished);
  return {
    job,
    attempt,
    bestScore,
    raisesBest: stored === null || bestScore > stored,
    passesNow: passedNow && !seen.progress?.quizPassedAt,
    informed: solutionsSeenBefore(quiz, seen.attempts, round),
    outcome: { ok: true, result: forBrowser(result, job.view), progress: { ...after, bestScore, passed } },
  };
}

/**
 * One batch transaction for a group (decision 0113). The best score rises by a conditional update,
 * so another process's lower score never lowers it; a unique key taken first fails the batch.
 */
async function write(accepted: Accepted[], seen: Map<string, Seen>) {
  const now = new Date();
  const fresh = accepted.filter((a) => seen.get(seenKey(a.job))!.progress === null);
  await db.$transaction([
    db.quizAttempt.createMany({
      data: accepted.map(({ job, attempt, informed }) => ({
        learnerId: job.learnerId,
        chapterId: job.quiz.chapterId,
        questionId: job.question.id,
        revision: job.quiz.quizRevision,
        round: job.input.round,
        attempt,
        selected: JSON.stringify(job.answered.stored),
        shownOrder: JSON.stringify(job.view.order),
        params: Object.keys(job.answered.values).length ? JSON.stringify(job.answered.values) : null,
        informed,
        score: job.answered.grade.score,
        correct: job.answered.grade.verdict === "correct",
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
  ]);
}

const seenKey = (job: Pick<Job, "learnerId" | "quiz">) => `${job.learnerId}\u0000${job.quiz.chapterId}`;

/** One read of everything a group's decisions need. */
async function readSeen(jobs: Job[]): Promise<Map<string, Seen>> {
  const learnerIds = [...new Set(jobs.map((j) => j.learnerId))];
  const chapterIds = [...new Set(jobs.map((j) => j.quiz.chapterId))];
  const [progress, attempts] = await Promise.all([
    db.chapterProgress.findMany({
      where: { learnerId: { in: learnerIds }, chapterId: { in: chapterIds } },
      select: { learnerId: true, chapterId: true, quizRound: true, quizBestScore: true, quizPassedAt: true },
    }),
    db.quizAttempt.findMany({
      where: { learnerId: { in: learnerIds }, chapterId: { in: chapterIds } },
      select: { learnerId: true, chapterId: true, round: true, questionId: true, score: true, correct: true, createdAt: true },
    }),
  ]);
  const seen = new Map<string, Seen>(jobs.map((j) => [seenKey(j), { progress: null, attempts: [] }]));
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

/** Lost races are decided again job by job; a foreign key fails new learners' jobs alone (0113, 0155). */
async function flushOrRetry(jobs: Job[]): Promise<(SubmitOutcome | Failed)[]> {
  try {
    return await flushGroup(jobs);
  } catch (e) {
    if (isForeignKeyViolation(e) && jobs.length > 1) return flushStored(jobs, e);
    if (!isUniqueViolation(e)) throw e;
  }
  const results: (SubmitOutcome | Failed)[] = [];
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

async function flushStored(jobs: Job[], refused: unknown): Promise<(SubmitOutcome | Failed)[]> {
  const learners = await db.learner.findMany({ where: { id: { in: jobs.map((j) => j.learnerId) } }, select: { id: true } });
  const stored = new Set(learners.map((l) => l.id));
  const written = jobs.filter((j) => stored.has(j.learnerId));
  const outcomes = written.length ? await flushOrRetry(written) : [];
  return jobs.map((j) => (stored.has(j.learnerId) ? outcomes.shift()! : { failed: refused }));
}

/** A job whose write failed on its own (thrown to its caller). */
type Failed = { failed: unknown };

const submitJob = groupCommit(flushOrRetry, { key: seenKey, maxGroup: 200 });

/** Grades and stores one attempt (its number is unique: decision 0160). */
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
  const progress = await db.chapterProgress.findUnique({
    where: progressKey(learnerId, quiz.chapterId),
    select: { quizRound: true, drawKey: true },
  });
  const drawer = progress?.drawKey ?? learnerId;
  const roundQs = await roundQuestions(drawer, quiz, input.round);
  // Ids (or a question) from another round are a stale page, not a bad request.
  const staleRound = (progress?.quizRound ?? 1) !== input.round;
  const staleError = {
    ok: false as const,
    status: 409 as const,
    stale: true as const,
    error: "You retook this quiz in another tab or window; this page now shows the new round.",
  };
  if (!roundQs.includes(question)) {
    if (staleRound) return staleError;
    return { ok: false, status: 400, error: `Question "${input.questionId}" is not in your round.` };
  }
  const view = await viewFor(drawer, quiz, question, input.round);
  const values = await valuesFor(drawer, quiz, question, input.round);
  const graded = gradeSubmission(question, view, values, input);
  if (!graded.ok) {
    if (graded.foreignIds && staleRound) return staleError;
    return { ok: false, status: 400, error: graded.error };
  }
  const outcome = await submitJob({ learnerId, chapterRevision, quiz, question, roundQs, input, view, answered: graded.answered });
  if ("failed" in outcome) throw outcome.failed;
  return outcome;
}

/** A new round if the learner may retake; the best score and old attempts stay. */
export async function retakeQuiz(
  learnerId: string,
  quiz: LoadedQuiz,
  input: Retake,
): Promise<{ ok: true } | { ok: false; status: 409; error: string }> {
  if (input.quizRevision !== quiz.quizRevision)
    return { ok: false, status: 409, error: "This quiz was updated since you opened the page. Reload to see the current questions." };
  const roundQs = await roundQuestions(await drawerOf(learnerId, quiz.chapterId), quiz, input.round);
  return db.$transaction(async (tx) => {
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
      select: { questionId: true, score: true, correct: true, createdAt: true },
    });
    const lastAt = attempts.reduce<Date | null>((m, a) => (m && m > a.createdAt ? m : a.createdAt), null);
    const now = roundProgress(quiz, roundQs, attempts, progress.quizBestScore, Boolean(progress.quizPassedAt), lastAt);
    if (!now.canRetake) {
      return {
        ok: false as const,
        status: 409 as const,
        error: "Finish the questions you can still answer first: the pass mark is still within reach.",
      };
    }
    if (now.retakeAt && new Date(now.retakeAt) > new Date())
      return {
        ok: false as const,
        status: 409 as const,
        error: `A retake opens at ${new Date(now.retakeAt).toISOString().slice(11, 16)} UTC: spaced practice sticks better.`,
      };
    // Conditional on the round, so two tabs retaking at once start one new round, not two.
    await tx.chapterProgress.updateMany({
      where: { learnerId, chapterId: quiz.chapterId, quizRound: round },
      data: { quizRound: round + 1 },
    });
    return { ok: true as const };
  });
}

/** The learner's current round: its questions, attempts and last results. */
export async function quizState(learnerId: string, known: boolean, quiz: LoadedQuiz): Promise<QuizState> {
  const progress = known
    ? await db.chapterProgress.findUnique({
        where: progressKey(learnerId, quiz.chapterId),
        select: { quizRound: true, quizBestScore: true, quizPassedAt: true, drawKey: true },
      })
    : null;
  const round = progress?.quizRound ?? 1;
  const drawer = progress?.drawKey ?? learnerId;
  const attempts = known
    ? await db.quizAttempt.findMany({
        where: { learnerId, chapterId: quiz.chapterId, round },
        select: { questionId: true, attempt: true, selected: true, score: true, correct: true, createdAt: true },
        orderBy: { attempt: "asc" },
      })
    : [];
  const roundQs = await roundQuestions(drawer, quiz, round);
  const lastAt = attempts.reduce<Date | null>((m, a) => (m && m > a.createdAt ? m : a.createdAt), null);
  const roundNow = roundProgress(quiz, roundQs, attempts, progress?.quizBestScore ?? null, Boolean(progress?.quizPassedAt), lastAt);
  const questions: QuizState["questions"] = {};
  for (const q of roundQs) {
    const view = await viewFor(drawer, quiz, q, round);
    const values = await valuesFor(drawer, quiz, q, round);
    const mine = attempts.filter((a) => a.questionId === q.id);
    const last = mine.at(-1);
    let result: AttemptResult | null = null;
    if (last) {
      // Re-graded against the current quiz: choices that no longer exist are dropped.
      const stored = JSON.parse(last.selected) as string[];
      const known = new Set(q.kind === "choice" ? q.choices.map((c) => c.id) : q.kind === "ordering" ? q.steps.map((s) => s.id) : stored);
      const input =
        q.kind === "choice"
          ? { selected: stored.filter((id) => known.has(id)).map((id) => view.publicId.get(id)!) }
          : q.kind === "ordering"
            ? { order: stored.map((id) => view.publicId.get(id) ?? id) }
            : { value: stored[0] ?? "" };
      const graded = gradeSubmission(q, view, values, input);
      if (graded.ok) result = forBrowser(resultOf(q, graded.answered, last.attempt, mine.length, view, roundNow.roundFinished), view);
    }
    questions[q.id] = { ...publicQuestion(q, view, values), attemptsUsed: mine.length, last: result };
  }
  return { quizRevision: quiz.quizRevision, round, order: roundQs.map((q) => q.id), questions, progress: roundNow };
}

/** What the page needs to show a question: no key, this learner's order, ids and numbers. */
function publicQuestion(q: LoadedQuestion, view: ChoiceView, values: Values): Omit<QuestionState, "attemptsUsed" | "last"> {
  const base = { id: q.id, type: q.type, maxAttempts: q.maxAttempts };
  const shown = (items: { id: string; html: string; label?: string }[]) => {
    const byId = new Map(items.map((c) => [c.id, c]));
    return view.order.map((id) => {
      const c = byId.get(id)!;
      return { id: view.publicId.get(id)!, html: c.html, ...(c.label ? { label: c.label } : {}) };
    });
  };
  if (q.kind === "choice")
    return {
      ...base,
      promptHtml: q.promptHtml,
      choices: shown(q.choices),
      ...(q.showCorrectCount ? { correctCount: q.choices.filter((c) => c.correct).length } : {}),
    };
  if (q.kind === "ordering") return { ...base, promptHtml: q.promptHtml, steps: shown(q.steps) };
  return {
    ...base,
    promptHtml: renderFor(q, values).promptHtml,
    ...(q.units ? { units: q.units } : {}),
    ...(q.code ? { code: fill(q.code, values, q.params) } : {}),
  };
}
