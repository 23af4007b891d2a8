// What the learner sees after an attempt, under each reveal policy.
import type { Grade } from "./grade";
import { buildResult, type ResultQuestion } from "./result";

const question = (reveal: ResultQuestion["reveal"], choiceFeedback: ResultQuestion["choiceFeedback"] = "attempt"): ResultQuestion => ({
  id: "q",
  type: "multiple",
  maxAttempts: 3,
  reveal,
  choiceFeedback,
  showCorrectCount: true,
  explanationHtml: "<p>why</p>",
  feedbackHtml: { partial: "<p>close</p>" },
  choices: [
    { id: "a", correct: true, rationaleHtml: "<p>a is right</p>" },
    { id: "b", correct: true, rationaleHtml: "<p>b is right</p>" },
    { id: "c", correct: false, rationaleHtml: "<p>c is wrong</p>" },
  ],
});
const partial: Grade = { score: 0, verdict: "partial", totalCorrect: 2, selectedCorrect: 1, selectedWrong: 1 };
const correct: Grade = { score: 1, verdict: "correct", totalCorrect: 2, selectedCorrect: 2, selectedWrong: 0 };

it("marks only the selected choices before the solution is revealed", () => {
  const r = buildResult(question({ when: "attempts", attempts: 3 }), partial, ["a", "c"], 1, 1);
  expect(r.choices).toEqual([
    { id: "a", selected: true, correct: true, rationaleHtml: "<p>a is right</p>" },
    { id: "b", selected: false },
    { id: "c", selected: true, correct: false, rationaleHtml: "<p>c is wrong</p>" },
  ]);
  expect(r).toMatchObject({
    revealed: false,
    explanationHtml: undefined,
    canRetry: true,
    feedbackHtml: "<p>close</p>",
    summary: "You got 1 of 2 right, and 1 of your choices is wrong.",
  });
});

it("reveals everything after the last allowed attempt", () => {
  const r = buildResult(question({ when: "attempts", attempts: 3 }), partial, ["a", "c"], 3, 3);
  expect(r.revealed).toBe(true);
  expect(r.choices[1]).toEqual({ id: "b", selected: false, correct: true, rationaleHtml: "<p>b is right</p>" });
  expect(r.explanationHtml).toBe("<p>why</p>");
  expect(r.canRetry).toBe(false);
});

it("reveals after a correct answer, and never under 'never'", () => {
  expect(buildResult(question({ when: "correct" }), correct, ["a", "b"], 1, 1).revealed).toBe(true);
  expect(buildResult(question({ when: "correct" }), partial, ["a", "c"], 3, 3).revealed).toBe(false);
  const never = buildResult(question({ when: "never" }), correct, ["a", "b"], 1, 1);
  expect(never.revealed).toBe(false);
  expect(never.choices[2]).toEqual({ id: "c", selected: false });
  expect(never.canRetry).toBe(false);
});

describe("choiceFeedback: finished", () => {
  const q = question({ when: "attempts", attempts: 3 }, "finished");
  const all: Grade = { score: 0, verdict: "partial", totalCorrect: 2, selectedCorrect: 2, selectedWrong: 1 };

  it("marks nothing while the question is open, even for a select-all attempt", () => {
    const r = buildResult(q, all, ["a", "b", "c"], 1, 1);
    expect(r.choices).toEqual([
      { id: "a", selected: true },
      { id: "b", selected: true },
      { id: "c", selected: true },
    ]);
    expect(r.canRetry).toBe(true);
  });

  it("marks the selected choices once solved or out of attempts", () => {
    expect(buildResult(q, correct, ["a", "b"], 1, 1).choices[0]).toMatchObject({ correct: true, rationaleHtml: "<p>a is right</p>" });
    const never = question({ when: "never" }, "finished");
    const out = buildResult(never, all, ["a", "b", "c"], 3, 3);
    expect(out.choices[2]).toMatchObject({ selected: true, correct: false });
    expect(out.revealed).toBe(false);
  });

  it("lists the choices in the order given (the learner's), not the authoring order", () => {
    expect(buildResult(q, all, ["a"], 1, 1, ["c", "a", "b"]).choices.map((c) => c.id)).toEqual(["c", "a", "b"]);
  });
});
