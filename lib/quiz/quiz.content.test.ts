// The real Dropout quiz: the questions and distractors the lesson is built around.
import path from "node:path";
import { defined } from "@/lib/invariant";
import { loadQuiz } from "./quiz.server";

const DROPOUT = {
  id: "optimization-regularization/regularization-techniques/dropout",
  file: path.resolve(__dirname, "../../content/courses/optimization-regularization/regularization-techniques/dropout.mdx"),
};

describe("the Dropout quiz", () => {
  const quiz = loadQuiz(DROPOUT)!;

  it("has the statement question with at least 6 statements and 3–5 more questions", () => {
    const [first, ...rest] = quiz.questions;
    const statements = defined(first, "a first question");
    expect(statements.source.prompt).toBe("Which of the following statements about dropout are true?");
    expect(statements.type).toBe("multiple");
    expect(statements.choices.length).toBeGreaterThanOrEqual(6);
    expect(rest.length).toBeGreaterThanOrEqual(3);
    expect(rest.length).toBeLessThanOrEqual(5);
  });

  it("has distractors for the classic mix-ups, all marked false", () => {
    const statements = defined(quiz.questions[0], "a first question").choices;
    const falseIds = statements.filter((c) => !c.correct).map((c) => c.id);
    expect(falseIds).toEqual(expect.arrayContaining(["p-is-keep", "eval-scales", "predict-applies-dropout", "replaces-data"]));
  });

  it("tests the PyTorch misconceptions the lesson names (not strawmen), each marked false", () => {
    const all = quiz.questions.flatMap((q) => q.source.choices);
    const byId = (id: string) =>
      defined(
        all.find((c) => c.id === id),
        `the choice ${id}`,
      );
    for (const id of ["no-grad-disables", "eval-switches-functional", "no-grad-switches"]) expect(byId(id).correct).toBe(false);
    expect(byId("no-grad-disables").text).toMatch(/torch\.no_grad\(\)/);
    expect(byId("eval-switches-functional").text).toMatch(/F\.dropout/);
    // No choice is the old strawman ("… raises an error").
    expect(all.filter((c) => /raises an error/i.test(c.text))).toEqual([]);
  });
});
