// The item linter: each test-wise cue in a fixture quiz is named; a clean quiz passes.
import { lintQuiz } from "./lint";
import { quizFileSchema, type QuizFile } from "./schema";

const choice = (id: string, text: string, correct = false) => ({ id, text, correct, rationale: "Why." });
const single = (id: string, key: string, ...distractors: string[]) => ({
  id,
  type: "single" as const,
  prompt: `${id}?`,
  explanation: "E.",
  choices: [choice(`${id}-key`, key, true), ...distractors.map((d, i) => choice(`${id}-d${i}`, d))],
});
const multiple = (id: string, right: number) => ({
  id,
  type: "multiple" as const,
  prompt: `${id}?`,
  explanation: "E.",
  choices: [
    ...Array.from({ length: right }, (_, i) => choice(`${id}-r${i}`, `${id} right statement ${i}`, true)),
    choice(`${id}-w0`, `${id} wrong statement a`),
    choice(`${id}-w1`, `${id} wrong statement b`),
  ],
});
const quiz = (questions: unknown[], extra: Record<string, unknown> = {}): QuizFile =>
  quizFileSchema.parse({ passingScore: 0.65, draw: Math.min(6, questions.length), questions, ...extra });

const clean = () => [
  single("a", "Short key", "A longer plausible distractor", "Another specific distractor"),
  single("b", "A key that is long and specific", "Short one", "Short two"),
  single("c", "Medium key here", "Medium wrong one", "Another medium one"),
  multiple("m1", 1),
  multiple("m2", 2),
  multiple("m3", 3),
];

it("passes a quiz without cues", () => {
  expect(lintQuiz(quiz(clean()))).toEqual([]);
});

it.each<[string, QuizFile, RegExp]>([
  [
    "single-choice items whose key is strictly the longest option, past 35%",
    quiz([
      single("a", "The long right answer with details", "Short", "Shorter"),
      single("b", "Another long right answer here", "No", "Nope"),
      single("c", "Short key", "A much longer distractor text", "x"),
    ]),
    /strictly longest option in 2 of 3 single-choice items \(a, b\)/,
  ],
  [
    "multiple-response items that all have the same number of right answers",
    quiz([multiple("m1", 2), multiple("m2", 2), multiple("m3", 2)]),
    /every multiple-response item has 2 right answers \(m1, m2, m3\)/,
  ],
  [
    "absolute words that mark distractors",
    quiz([
      single("a", "Dropout adds noise", "Dropout always helps", "It never hurts"),
      single("b", "Scale by 1/(1-p)", "Only the first layer", "Every unit is kept"),
      single("c", "A key", "Exactly one unit", "A plain distractor"),
    ]),
    /absolute words .* appear in distractors far more than in keys/,
  ],
  [
    "a distractor used in two items",
    quiz([single("a", "Key A", "Shared wrong text", "x y z"), single("b", "Key B", "Shared wrong text.", "p q r")]),
    /the distractor "Shared wrong text\.?" is used in both a and b/,
  ],
  ["a pass mark that one slip fails", quiz(clean(), { passingScore: 0.9 }), /one wrong item in a round of 6 fails the pass mark 0\.9/],
  [
    "a pass mark that one slip fails, in a round of 3",
    quiz(clean().slice(0, 3), { passingScore: 0.7, draw: 3 }),
    /round of 3 fails the pass mark 0\.7 \(2\/3 = 0\.67\)/,
  ],
])("names %s", (_cue, file, message) => {
  expect(lintQuiz(file).join("\n")).toMatch(message);
});
