// The real Dropout quiz: the questions and distractors the lesson is built around.
import path from "node:path";
import { defined } from "@/lib/invariant";
import { loadQuiz, type LoadedChoiceQuestion } from "./quiz.server";

const DROPOUT = {
  id: "optimization-regularization/regularization-techniques/dropout",
  file: path.resolve(__dirname, "../../content/courses/optimization-regularization/regularization-techniques/dropout.mdx"),
};

describe("the Dropout quiz", () => {
  const quiz = loadQuiz(DROPOUT)!;
  const choiceQuestions = quiz.questions.filter((q): q is LoadedChoiceQuestion => q.kind === "choice");

  it("opens its bank with the statement question (at least 6 statements), followed by at least 9 more items", () => {
    const [first, ...rest] = quiz.questions;
    const statements = defined(first, "a first question") as LoadedChoiceQuestion;
    expect(statements.source.prompt).toBe("Which of the following statements about dropout are true?");
    expect(statements.type).toBe("multiple");
    expect(statements.choices.length).toBeGreaterThanOrEqual(6);
    // The bank: a round draws some of its items per learner, so it holds more than one round.
    expect(rest.length).toBeGreaterThanOrEqual(9);
  });

  it("has distractors for the classic mix-ups, all marked false", () => {
    const statements = defined(choiceQuestions[0], "a first question").choices;
    const falseIds = statements.filter((c) => !c.correct).map((c) => c.id);
    expect(falseIds).toEqual(expect.arrayContaining(["p-is-keep", "eval-scales", "predict-applies-dropout", "replaces-data"]));
  });

  it("tests the PyTorch misconceptions the lesson names (not strawmen), each marked false", () => {
    // Computed, numeric, predict and ordering items have no choices.
    const all = quiz.questions.flatMap((q) => ("choices" in q.source ? q.source.choices : []));
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
