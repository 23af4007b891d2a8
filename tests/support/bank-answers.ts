// The right answers to the fixture bank's questions (tests/fixtures/…/bank.quiz.yaml), worked
// out from what the learner is shown, as a learner who knows the material would.
import type { QuestionState } from "@/lib/quiz/types";

/** The numbers in a prompt's text, in order (KaTeX-free prompts: plain text). */
export const numbersIn = (html: string) => [...html.replace(/<[^>]+>/g, " ").matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));

/** The right answer, computed as a learner who knows the material would. */
export function solveBankQuestion(q: QuestionState): Record<string, unknown> {
  const n = numbersIn(q.promptHtml);
  switch (q.id) {
    case "crate-cost":
      return { value: String(n[0]! * n[1]!) };
    case "crates-needed":
      return { value: String(Math.ceil(n[1]! / n[0]!)) };
    case "blue-share":
      return { value: String((100 * n[1]!) / n[0]!) };
    case "sum-listing":
      return { value: String(3 * Number(/length: (\d+)/.exec(q.code!)![1])) };
    case "dozen":
      return { value: "24" };
    case "packing-order": {
      const ids = ["Open", "Put", "Close", "Label"].map((w) => q.steps!.find((s) => s.html.includes(w))!.id);
      return { order: ids };
    }
    default: {
      const right: Record<string, string[]> = {
        "widget-colour": ["Blue."],
        "widget-shape": ["A small square"],
        "crate-facts": ["holds widgets", "has a lid"],
        "widget-facts": ["are blue"],
      };
      return { selected: q.choices!.filter((c) => right[q.id]!.some((t) => c.html.includes(t))).map((c) => c.id) };
    }
  }
}
