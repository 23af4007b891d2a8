// What a learner sees after an attempt; ids here are authoring ids.
import { summarize, type Grade } from "./grade";
import type { ChoiceFeedback, Reveal } from "./schema";
import type { AttemptResult } from "./types";

export type ResultQuestion = {
  id: string;
  type: "multiple" | "single";
  maxAttempts: number;
  reveal: Reveal;
  choiceFeedback: ChoiceFeedback;
  showCorrectCount: boolean;
  explanationHtml: string;
  feedbackHtml?: { correct?: string; partial?: string; incorrect?: string };
  choices: { id: string; correct: boolean; rationaleHtml: string }[];
};

type Revealable = { reveal: Reveal; maxAttempts: number };

export function isRevealed(reveal: Reveal, grade: Pick<Grade, "verdict">, attemptsUsed: number, roundFinished = false): boolean {
  if (reveal.when === "never") return false;
  if (reveal.when === "round-end") return roundFinished;
  if (grade.verdict === "correct") return true;
  return reveal.when === "attempts" && attemptsUsed >= reveal.attempts;
}

export const isFinished = (q: Pick<Revealable, "maxAttempts">, grade: Pick<Grade, "verdict">, attemptsUsed: number) =>
  grade.verdict === "correct" || attemptsUsed >= q.maxAttempts;

/** A solution shown before an unsolved question is finished: the round can no longer record a pass. */
export const revealedUnsolved = (q: Revealable, solved: boolean, attemptsUsed: number) =>
  !solved && q.reveal.when === "attempts" && attemptsUsed >= q.reveal.attempts;

export function buildResult(
  q: ResultQuestion,
  grade: Grade,
  selected: readonly string[],
  attempt: number,
  attemptsUsed: number,
  order: readonly string[] = q.choices.map((c) => c.id),
  roundFinished = false,
): AttemptResult {
  const picked = new Set(selected);
  const revealed = isRevealed(q.reveal, grade, attemptsUsed, roundFinished);
  const finished = isFinished(q, grade, attemptsUsed);
  const marksNow = q.choiceFeedback === "attempt" || finished;
  // A partial verdict on a one-choice submission would tell right choices from wrong ones.
  const masked = !marksNow && grade.verdict !== "correct";
  const byId = new Map(q.choices.map((c) => [c.id, c]));
  return {
    questionId: q.id,
    attempt,
    attemptsUsed,
    maxAttempts: q.maxAttempts,
    score: masked ? 0 : grade.score,
    verdict: masked ? "incorrect" : grade.verdict,
    summary: masked ? "Not right yet." : summarize(q.type, grade, q.showCorrectCount),
    choices: order.map((id) => {
      const c = byId.get(id)!;
      const show = revealed || (marksNow && picked.has(id));
      return { id, selected: picked.has(id), ...(show ? { correct: c.correct, rationaleHtml: c.rationaleHtml } : {}) };
    }),
    feedbackHtml: masked ? undefined : q.feedbackHtml?.[grade.verdict],
    revealed,
    explanationHtml: revealed ? q.explanationHtml : undefined,
    canRetry: !finished,
  };
}

type PlainQuestion = Revealable & {
  id: string;
  type: "numeric" | "computed" | "predict" | "ordering";
  explanationHtml: string;
  feedbackHtml?: { correct?: string; partial?: string; incorrect?: string };
};

export function buildPlainResult(
  q: PlainQuestion,
  grade: Grade,
  answer: { response: string } | { order: readonly string[]; correctOrder: readonly string[] },
  keyText: string | undefined,
  attempt: number,
  attemptsUsed: number,
  roundFinished = false,
): AttemptResult {
  const revealed = isRevealed(q.reveal, grade, attemptsUsed, roundFinished);
  return {
    questionId: q.id,
    attempt,
    attemptsUsed,
    maxAttempts: q.maxAttempts,
    score: grade.score,
    verdict: grade.verdict,
    summary: summarize(q.type, grade),
    choices: "order" in answer ? answer.order.map((id) => ({ id, selected: true })) : [],
    ...("response" in answer ? { response: answer.response } : {}),
    ...(revealed && keyText !== undefined ? { keyText } : {}),
    ...(revealed && "correctOrder" in answer ? { correctOrder: [...answer.correctOrder] } : {}),
    feedbackHtml: q.feedbackHtml?.[grade.verdict],
    revealed,
    explanationHtml: revealed ? q.explanationHtml : undefined,
    canRetry: !isFinished(q, grade, attemptsUsed),
  };
}

/** "0.771 (± 2%)". */
export function keyInWords(key: number, tolerance: { abs?: number; rel?: number }, units?: string): string {
  const shown = Number(key.toPrecision(4)).toString();
  const parts = [
    tolerance.abs !== undefined ? `± ${tolerance.abs}` : null,
    tolerance.rel !== undefined ? `± ${+(tolerance.rel * 100).toFixed(2)}%` : null,
  ].filter(Boolean);
  return `${shown}${units ? ` ${units}` : ""}${parts.length ? ` (${parts.join(" or ")})` : ""}`;
}
