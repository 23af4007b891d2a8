// Builds what a learner sees after an attempt, following the question's reveal and choice
// feedback policies (pure). Choice ids here are authoring ids; the caller maps them for the browser.
import { summarize, type Grade } from "./grade";
import type { ChoiceFeedback, Reveal } from "./schema";
import type { AttemptResult } from "./types";

export type ResultQuestion = {
  id: string;
  type: "multiple" | "single";
  maxAttempts: number;
  reveal: Reveal;
  choiceFeedback: ChoiceFeedback;
  /** The author asked to show how many answers are right. */
  showCorrectCount: boolean;
  explanationHtml: string;
  feedbackHtml?: { correct?: string; partial?: string; incorrect?: string };
  choices: { id: string; correct: boolean; rationaleHtml: string }[];
};

export function isRevealed(reveal: Reveal, grade: Grade, attemptsUsed: number): boolean {
  if (reveal.when === "never") return false;
  if (grade.verdict === "correct") return true;
  return reveal.when === "attempts" && attemptsUsed >= reveal.attempts;
}

/** Solved, or no attempts left. */
export const isFinished = (q: Pick<ResultQuestion, "maxAttempts">, grade: Pick<Grade, "verdict">, attemptsUsed: number) =>
  grade.verdict === "correct" || attemptsUsed >= q.maxAttempts;

export function buildResult(
  q: ResultQuestion,
  grade: Grade,
  selected: readonly string[],
  attempt: number,
  attemptsUsed: number,
  order: readonly string[] = q.choices.map((c) => c.id),
): AttemptResult {
  const picked = new Set(selected);
  const revealed = isRevealed(q.reveal, grade, attemptsUsed);
  // Selected choices get their ✓/✗ and rationale after each attempt, or only once finished.
  const marksNow = q.choiceFeedback === "attempt" || isFinished(q, grade, attemptsUsed);
  const byId = new Map(q.choices.map((c) => [c.id, c]));
  return {
    questionId: q.id,
    attempt,
    attemptsUsed,
    maxAttempts: q.maxAttempts,
    score: grade.score,
    verdict: grade.verdict,
    summary: summarize(q.type, grade, q.showCorrectCount),
    choices: order.map((id) => {
      const c = byId.get(id)!;
      const show = revealed || (marksNow && picked.has(id));
      return { id, selected: picked.has(id), ...(show ? { correct: c.correct, rationaleHtml: c.rationaleHtml } : {}) };
    }),
    feedbackHtml: q.feedbackHtml?.[grade.verdict],
    revealed,
    explanationHtml: revealed ? q.explanationHtml : undefined,
    canRetry: !isFinished(q, grade, attemptsUsed),
  };
}
