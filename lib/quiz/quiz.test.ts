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
    expect(quiz.questions[0]!.choices[0]!.html).toContain('<span class="katex">');
    expect(quiz.questions[0]!.choices[0]!.html).toContain("<code>color(widget)</code>");
  });

  it("gives the page no correctness data, rationales, explanations or feedback", () => {
    const text = JSON.stringify(toPublicQuiz(quiz));
    for (const q of quiz.questions) {
      expect(text).not.toContain(q.explanationHtml);
      for (const c of q.choices) expect(text).not.toContain(c.rationaleHtml);
    }
    expect(text).not.toMatch(/"correct"|"fraction"|"rationale|"explanation|"feedback/);
  });

  it("gives the page the choices' HTML only, without ids and in an order the authoring order does not change", () => {
    const text = JSON.stringify(toPublicQuiz(quiz));
    for (const q of quiz.questions) for (const c of q.choices) expect(text).not.toContain(`"${c.id}"`);
    // The same quiz with every question's choices in reverse authoring order: the same page.
    const reversed = { ...quiz, questions: quiz.questions.map((q) => ({ ...q, choices: [...q.choices].reverse() })) };
    expect(toPublicQuiz(reversed)).toEqual(toPublicQuiz(quiz));
    const [first] = toPublicQuiz(quiz).questions;
    expect(new Set(first!.choicesHtml)).toEqual(new Set(quiz.questions[0]!.choices.map((c) => c.html)));
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
    fs.writeFileSync(path.join(dir, "c.quiz.yaml"), typeof result === "string" ? result : stringify({ questions: [question] }));
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
  ])("rejects %s", (_name, edit, message) => {
    expect(problemOf(edit)).toMatch(message);
  });
});
