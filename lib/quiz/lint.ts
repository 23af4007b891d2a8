// Item-writing checks that fail the build: test-wise cues, a pass mark one slip fails.
import type { QuizFile } from "./schema";

/** Share of single-choice items whose key may be the strictly longest option. */
export const LONGEST_KEY_MAX_SHARE = 0.35;
/** Words that mark a distractor as false to a test-wise reader. */
export const ABSOLUTE_WORDS = ["always", "never", "only", "exact", "exactly", "every", "no longer"];

type Choice = { id: string; text: string; correct: boolean };

const plain = (markdown: string) =>
  markdown
    .replace(/\$[^$]*\$/g, "x")
    .replace(/[`*_]/g, "")
    .trim();
const normal = (text: string) => plain(text).toLowerCase().replace(/\s+/g, " ").replace(/[.!]$/, "");

function absoluteCount(texts: string[]): number {
  const re = new RegExp(`\\b(${ABSOLUTE_WORDS.join("|")})\\b`, "gi");
  return texts.reduce((n, t) => n + (plain(t).match(re)?.length ?? 0), 0);
}

export function lintQuiz(quiz: QuizFile): string[] {
  const problems: string[] = [];
  const choiceItems = quiz.questions.filter((q): q is Extract<QuizFile["questions"][number], { choices: Choice[] }> => "choices" in q);

  const singles = choiceItems.filter((q) => q.type === "single");
  const longest = singles.filter((q) => {
    const key = q.choices.find((c) => c.correct)!;
    const length = plain(key.text).length;
    return q.choices.every((c) => c === key || plain(c.text).length < length);
  });
  if (singles.length && longest.length / singles.length > LONGEST_KEY_MAX_SHARE)
    problems.push(
      `the right answer is the strictly longest option in ${longest.length} of ${singles.length} single-choice items (${longest
        .map((q) => q.id)
        .join(", ")}); at most ${Math.round(LONGEST_KEY_MAX_SHARE * 100)}% may be`,
    );

  const multiples = choiceItems.filter((q) => q.type === "multiple");
  if (multiples.length >= 3) {
    const counts = new Set(multiples.map((q) => q.choices.filter((c) => c.correct).length));
    if (counts.size === 1)
      problems.push(`every multiple-response item has ${[...counts][0]} right answers (${multiples.map((q) => q.id).join(", ")}): vary it`);
  }

  const keys = choiceItems.flatMap((q) => q.choices.filter((c) => c.correct).map((c) => c.text));
  const distractors = choiceItems.flatMap((q) => q.choices.filter((c) => !c.correct).map((c) => c.text));
  if (distractors.length) {
    const inDistractors = absoluteCount(distractors) / distractors.length;
    const inKeys = keys.length ? absoluteCount(keys) / keys.length : 0;
    if (absoluteCount(distractors) >= 3 && inDistractors > 2 * inKeys + 0.05)
      problems.push(
        `absolute words (${ABSOLUTE_WORDS.join(", ")}) appear in distractors far more than in keys (${inDistractors.toFixed(2)} vs ${inKeys.toFixed(2)} per option)`,
      );
  }

  const seen = new Map<string, string>();
  for (const q of choiceItems)
    for (const c of q.choices.filter((c) => !c.correct)) {
      const text = normal(c.text);
      const other = seen.get(text);
      if (other && other !== q.id) problems.push(`the distractor "${plain(c.text)}" is used in both ${other} and ${q.id}`);
      else seen.set(text, q.id);
    }

  const round = quiz.draw ?? quiz.questions.length;
  if (round > 1 && (round - 1) / round < quiz.passingScore - 1e-9)
    problems.push(
      `one wrong item in a round of ${round} fails the pass mark ${quiz.passingScore} (${round - 1}/${round} = ${((round - 1) / round).toFixed(2)})`,
    );
  else if (round === 1 && quiz.passingScore > 0) problems.push("a round of one item: one slip fails it");
  return problems;
}
