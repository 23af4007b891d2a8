// Grading policies, table-driven: every policy against the same situations.
import { gradeAnswer, summarize, type Grade } from "./grade";
import type { Question } from "./schema";

// Four choices: a and b are correct, c and d are not. Fractions: +0.5 each right, −0.5 each wrong.
const choices = [
  { id: "a", text: "A", correct: true, fraction: 0.5, rationale: "r" },
  { id: "b", text: "B", correct: true, fraction: 0.5, rationale: "r" },
  { id: "c", text: "C", correct: false, fraction: -0.5, rationale: "r" },
  { id: "d", text: "D", correct: false, fraction: -0.5, rationale: "r" },
];
const multiple = (grading: "all-or-nothing" | "every-decision" | "fractions") => ({ type: "multiple" as const, grading, choices });
const single = { type: "single" as const, choices: choices.map((c, i) => ({ ...c, correct: i === 0 })) };

const score = (q: Parameters<typeof gradeAnswer>[0], selected: string[]) => {
  const r = gradeAnswer(q, selected);
  if (!r.ok) throw new Error(r.error);
  return r.grade;
};

describe.each([
  //  situation            selection              all-or-nothing  every-decision  fractions  verdict
  ["all correct", ["a", "b"], 1, 1, 1, "correct"],
  ["one right only", ["a"], 0, 0.75, 0.5, "partial"],
  ["one wrong extra", ["a", "b", "c"], 0, 0.75, 0.5, "partial"],
  ["all selected", ["a", "b", "c", "d"], 0, 0.5, 0, "partial"],
  ["only wrong ones", ["c", "d"], 0, 0, 0, "incorrect"],
  ["one wrong", ["d"], 0, 0.25, 0, "incorrect"],
] as const)("%s", (_situation, selected, allOrNothing, everyDecision, fractions, verdict) => {
  it.each([
    ["all-or-nothing", allOrNothing],
    ["every-decision", everyDecision],
    ["fractions", fractions],
  ] as const)("%s scores %p", (policy, expected) => {
    const g = score(multiple(policy), [...selected]);
    expect(g.score).toBeCloseTo(expected, 6);
    expect(g.verdict).toBe(verdict);
  });
});

describe("invalid selections are refused, not graded", () => {
  it.each([
    ["none selected", [], /at least one/],
    ["unknown choice id", ["a", "zz"], /Unknown choice "zz"/],
    ["duplicates", ["a", "a"], /more than once/],
  ])("%s", (_name, selected, message) => {
    for (const policy of ["all-or-nothing", "every-decision", "fractions"] as const) {
      const r = gradeAnswer(multiple(policy), selected);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(message);
    }
  });

  it("single choice needs exactly one", () => {
    expect(gradeAnswer(single, ["a", "b"])).toEqual({ ok: false, error: "Select exactly one answer." });
  });
});

describe("single choice", () => {
  it.each([
    [["a"], 1, "correct"],
    [["c"], 0, "incorrect"],
  ] as const)("%p scores %p", (selected, expected, verdict) => {
    expect(score(single, [...selected])).toMatchObject({ score: expected, verdict });
  });
});

describe("summarize", () => {
  const g = (over: Partial<Grade>): Grade => ({
    score: 0,
    verdict: "partial",
    totalCorrect: 4,
    selectedCorrect: 3,
    selectedWrong: 0,
    ...over,
  });
  it.each<[Question["type"], Partial<Grade>, string]>([
    ["multiple", { verdict: "correct", selectedCorrect: 4 }, "Correct! You found all 4 right answers."],
    ["multiple", {}, "You got 3 of 4 right."],
    ["multiple", { selectedWrong: 1 }, "You got 3 of 4 right, and 1 of your choices is wrong."],
    ["multiple", { selectedWrong: 2 }, "You got 3 of 4 right, and 2 of your choices are wrong."],
    [
      "multiple",
      { verdict: "incorrect", selectedCorrect: 0, selectedWrong: 2 },
      "Not quite: none of your choices are right. There are 4 right answers.",
    ],
    ["single", { verdict: "correct" }, "Correct!"],
    ["single", { verdict: "incorrect" }, "Not quite."],
  ])("%s %p → %s (count shown)", (type, over, text) => {
    expect(summarize(type, g(over), true)).toBe(text);
  });

  // Without showCorrectCount no summary says how many answers are right (select-all harvesting).
  it.each<[Partial<Grade>, string]>([
    [{ verdict: "correct", selectedCorrect: 4 }, "Correct!"],
    [{}, "Partly right: your selection is not exactly the right answers yet."],
    [{ selectedWrong: 2 }, "Partly right: your selection is not exactly the right answers yet."],
    [{ verdict: "incorrect", selectedCorrect: 0, selectedWrong: 2 }, "Not quite: none of your choices are right."],
  ])("multiple %p → %s (count hidden)", (over, text) => {
    expect(summarize("multiple", g(over))).toBe(text);
    expect(summarize("multiple", g(over))).not.toMatch(/\d/);
  });
});
