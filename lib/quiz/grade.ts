// Grading a submitted answer: pure functions, one policy per question.
import { parseNumber, withinTolerance } from "./params";
import type { GradingPolicy, Question } from "./schema";

export type Grade = {
  /** Credit between 0 and 1. */
  score: number;
  verdict: "correct" | "partial" | "incorrect";
  totalCorrect: number;
  selectedCorrect: number;
  selectedWrong: number;
};

export type GradeResult = { ok: true; grade: Grade } | { ok: false; error: string };

type ChoiceQuestion = Extract<Question, { type: "single" | "multiple" }>;
type Gradable = Pick<ChoiceQuestion, "type" | "choices"> & { grading?: GradingPolicy };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function gradeAnswer(question: Gradable, selected: readonly string[]): GradeResult {
  if (selected.length === 0) return { ok: false, error: "Select at least one answer." };
  const known = new Set(question.choices.map((c) => c.id));
  const unknown = selected.filter((id) => !known.has(id));
  if (unknown.length) return { ok: false, error: `Unknown choice ${unknown.map((u) => `"${u}"`).join(", ")}.` };
  if (new Set(selected).size !== selected.length) return { ok: false, error: "A choice was selected more than once." };
  if (question.type === "single" && selected.length !== 1) return { ok: false, error: "Select exactly one answer." };

  const picked = new Set(selected);
  const totalCorrect = question.choices.filter((c) => c.correct).length;
  const selectedCorrect = question.choices.filter((c) => c.correct && picked.has(c.id)).length;
  const selectedWrong = selected.length - selectedCorrect;
  const exact = selectedCorrect === totalCorrect && selectedWrong === 0;

  let score: number;
  const policy: GradingPolicy = question.type === "single" ? "all-or-nothing" : (question.grading ?? "all-or-nothing");
  if (policy === "all-or-nothing") {
    score = exact ? 1 : 0;
  } else if (policy === "every-decision") {
    // One point per box decided right (ticked if correct, left empty if not).
    const right = question.choices.filter((c) => c.correct === picked.has(c.id)).length;
    score = right / question.choices.length;
  } else {
    score = clamp01(question.choices.reduce((sum, c) => sum + (picked.has(c.id) ? (c.fraction ?? 0) : 0), 0));
  }
  const verdict = exact ? "correct" : selectedCorrect > 0 ? "partial" : "incorrect";
  return { ok: true, grade: { score: Math.round(score * 1e6) / 1e6, verdict, totalCorrect, selectedCorrect, selectedWrong } };
}

/** "You got 3 of 4 right, …"; the count of right answers only with `showCount`. */
export function summarize(type: Question["type"], g: Grade, showCount = false): string {
  if (type !== "single" && type !== "multiple") return g.verdict === "correct" ? "Correct!" : "Not quite.";
  if (g.verdict === "correct")
    return type === "single" || !showCount ? "Correct!" : `Correct! You found all ${g.totalCorrect} right answers.`;
  if (type === "single") return "Not quite.";
  if (!showCount)
    return g.selectedCorrect === 0
      ? "Not quite: none of your choices are right."
      : "Partly right: your selection is not exactly the right answers yet.";
  if (g.selectedCorrect === 0)
    return `Not quite: none of your choices are right. There ${g.totalCorrect === 1 ? "is 1 right answer" : `are ${g.totalCorrect} right answers`}.`;
  const wrong = g.selectedWrong === 0 ? "" : `, and ${g.selectedWrong} of your choices ${g.selectedWrong === 1 ? "is" : "are"} wrong`;
  return `You got ${g.selectedCorrect} of ${g.totalCorrect} right${wrong}.`;
}

const right = (ok: boolean, total = 1): Grade => ({
  score: ok ? 1 : 0,
  verdict: ok ? "correct" : "incorrect",
  totalCorrect: total,
  selectedCorrect: ok ? total : 0,
  selectedWrong: ok ? 0 : 1,
});

/** No partial credit. */
export function gradeNumber(typed: string, key: number, tolerance: { abs?: number; rel?: number }): GradeResult {
  const value = parseNumber(typed);
  if (value === null) return { ok: false, error: `"${typed.slice(0, 40)}" is not a number: type digits, e.g. 0.25, -3 or 1.5e-3.` };
  return { ok: true, grade: right(withinTolerance(value, key, tolerance)) };
}

export function gradeOrder(order: readonly string[], steps: readonly string[]): GradeResult {
  if (order.length !== steps.length || new Set(order).size !== order.length || order.some((id) => !steps.includes(id)))
    return { ok: false, error: "Send every step exactly once, in your order." };
  return {
    ok: true,
    grade: right(
      order.every((id, i) => id === steps[i]),
      steps.length,
    ),
  };
}
