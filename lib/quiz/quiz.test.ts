// Quiz files: a quiz validates and renders; broken quizzes name file and field; the public form
// carries no key, no choice ids and no authoring order. (The real Dropout quiz's own checks: quiz.content.test.ts.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { ContentError } from "@/lib/content/load";
import { FIXTURE_CHAPTER, FIXTURE_CONTENT_DIR } from "@/tests/support/content-dirs";
import { defined } from "@/lib/invariant";
import { loadQuiz, toPublicQuiz } from "./quiz.server";

const WIDGETS = {
  id: FIXTURE_CHAPTER.id,
  file: path.resolve(__dirname, "../..", FIXTURE_CONTENT_DIR, "courses/fixture-basics/first-section/widgets.mdx"),
};

describe("a quiz file (the fixture course's)", () => {
  const quiz = loadQuiz(WIDGETS)!;

  it("renders Markdown and math to HTML", () => {
    const first = quiz.questions[0]!;
    if (first.kind !== "choice") throw new Error("the fixture's first question has choices");
    expect(first.choices[0]!.html).toContain('<span class="katex">');
    expect(first.choices[0]!.html).toContain("<code>color(widget)</code>");
  });

  it("gives the page no correctness data, rationales, explanations or feedback", () => {
    const text = JSON.stringify(toPublicQuiz(quiz));
    for (const q of quiz.questions) {
      if (q.kind === "number") continue;
      expect(text).not.toContain(q.explanationHtml);
      if (q.kind === "choice") for (const c of q.choices) expect(text).not.toContain(c.rationaleHtml);
    }
    expect(text).not.toMatch(/"correct"|"fraction"|"rationale|"explanation|"feedback/);
  });

  it("gives the static page the quiz's frame only: no question, choice or id (rounds are drawn per learner)", () => {
    const text = JSON.stringify(toPublicQuiz(quiz));
    for (const q of quiz.questions) {
      expect(text).not.toContain(`"${q.id}"`);
      if (q.kind === "choice") for (const c of q.choices) expect(text).not.toContain(c.html);
    }
    expect(toPublicQuiz(quiz)).toMatchObject({ roundSize: quiz.questions.length, bankSize: quiz.questions.length });
  });
});

describe("broken quizzes", () => {
  const base = {
    questions: [
      {
        id: "q",
        type: "multiple",
        prompt: "P?",
        explanation: "E.",
        choices: [
          { id: "a", text: "A", correct: true, rationale: "r" },
          { id: "b", text: "B", correct: false, rationale: "r" },
        ],
      },
    ],
  };
  type Q = (typeof base.questions)[number] & Record<string, unknown>;

  function problemOf(edit: (q: Q) => unknown): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quiz-"));
    const question = structuredClone(base.questions[0]) as Q;
    const result = edit(question);
    fs.writeFileSync(
      path.join(dir, "c.quiz.yaml"),
      typeof result === "string" ? result : stringify({ passingScore: 0, questions: [question] }),
    );
    try {
      loadQuiz({ id: "x/y/c", file: path.join(dir, "c.mdx") });
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      return (e as ContentError).problems.join("\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    throw new Error("expected the quiz to be rejected");
  }

  /** Makes the question another type of item, one without choices. */
  const retype = (item: Record<string, unknown>) => (q: Q) => {
    Object.assign(q, item);
    delete (q as Record<string, unknown>).choices;
  };
  /** A computed item (its tolerance 1% unless given). */
  const computed = (prompt: string, answer: string, params: Record<string, unknown>, tolerance: object = { rel: 0.01 }) =>
    retype({ type: "computed", prompt, answer, tolerance, params });

  it.each<[string, (q: Q) => unknown, RegExp]>([
    [
      "a single-choice question with two right answers",
      (q) => {
        q.type = "single";
        defined(q.choices[1], "a second choice").correct = true;
      },
      /c\.quiz\.yaml: questions\.0\.choices: a single-choice question needs exactly one correct choice, found 2/,
    ],
    [
      "no right answer",
      (q) => {
        defined(q.choices[0], "a first choice").correct = false;
      },
      /needs at least one correct choice/,
    ],
    [
      "duplicate choice ids",
      (q) => {
        defined(q.choices[1], "a second choice").id = "a";
      },
      /questions\.0\.choices\.1\.id: duplicate choice id "a"/,
    ],
    [
      "fractions without fractions",
      (q) => {
        q.grading = "fractions";
      },
      /questions\.0\.choices\.0\.fraction: is required by grading: fractions/,
    ],
    [
      "an unknown question type",
      (q) => {
        q.type = "essay";
      },
      /questions\.0\.type/,
    ],
    [
      "a misspelt key",
      (q) => {
        q.explanaton = "x";
      },
      /explanaton/,
    ],
    [
      "a missing rationale",
      (q) => {
        delete (q.choices[0] as Record<string, unknown>).rationale;
      },
      /questions\.0\.choices\.0\.rationale/,
    ],
    [
      "broken math",
      (q) => {
        defined(q.choices[0], "a first choice").text = "$\\frac{1}{$";
      },
      /questions\.0\.choices\.0\.text: math does not render/,
    ],
    ["invalid YAML", () => "questions: [unclosed", /c\.quiz\.yaml: not valid YAML/],
    [
      "a pass mark one slip fails (a round of one)",
      () => stringify({ passingScore: 0.7, questions: [base.questions[0]] }),
      /a round of one item: one slip fails it/,
    ],
    [
      "a computed item whose prompt names an undeclared param",
      computed("h = {{h}}, p = {{q}}", "h * 2", { h: { min: 1, max: 2, step: 0.5 } }),
      /prompt: \{\{q\}\} is not a declared param/,
    ],
    [
      "a computed item whose formula divides by zero at a corner",
      computed("p = {{p}}", "1 / (1 - p)", { p: { min: 0, max: 1, step: 0.5 } }),
      /answer: the formula "1 \/ \(1 - p\)" gives Infinity/,
    ],
    [
      "a param range that is not a whole number of steps",
      computed("p", "p", { p: { min: 0, max: 1, step: 0.3 } }, { abs: 0.1 }),
      /params\.p: max − min must be a whole number of steps/,
    ],
    ["a numeric item without a tolerance", retype({ type: "numeric", answer: 2 }), /questions\.0\.tolerance/],
    [
      "an ordering item with two steps",
      retype({
        type: "ordering",
        steps: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
      }),
      /questions\.0\.steps/,
    ],
  ])("rejects %s", (_name, edit, message) => {
    expect(problemOf(edit)).toMatch(message);
  });
});
