// Builds what a learner sees after an attempt, following the question's reveal policy (pure).
import { summarize, type Grade } from "./grade";
import type { Reveal } from "./schema";
import type { AttemptResult } from "./types";

export type ResultQuestion = {
  id: string;
  type: "multiple" | "single";
  maxAttempts: number;
  reveal: Reveal;
  explanationHtml: string;
  feedbackHtml?: { correct?: string; partial?: string; incorrect?: string };
  choices: { id: string; correct: boolean; rationaleHtml: string }[];
};

export function isRevealed(reveal: Reveal, grade: Grade, attemptsUsed: number): boolean {
  if (reveal.when === "never") return false;
  if (grade.verdict === "correct") return true;
  return reveal.when === "attempts" && attemptsUsed >= reveal.attempts;
}

export function buildResult(q: ResultQuestion, grade: Grade, selected: readonly string[], attempt: number, attemptsUsed: number): AttemptResult {
  const picked = new Set(selected);
  const revealed = isRevealed(q.reveal, grade, attemptsUsed);
  return {
    questionId: q.id,
    attempt,
    attemptsUsed,
    maxAttempts: q.maxAttempts,
    score: grade.score,
    verdict: grade.verdict,
    summary: summarize(q.type, grade),
    // Selected choices always get their ✓/✗ and rationale; the rest only with the solution.
    choices: q.choices.map((c) => {
      const show = revealed || picked.has(c.id);
      return { id: c.id, selected: picked.has(c.id), ...(show ? { correct: c.correct, rationaleHtml: c.rationaleHtml } : {}) };
    }),
    feedbackHtml: q.feedbackHtml?.[grade.verdict],
    revealed,
    explanationHtml: revealed ? q.explanationHtml : undefined,
    canRetry: grade.verdict !== "correct" && attemptsUsed < q.maxAttempts,
  };
}
