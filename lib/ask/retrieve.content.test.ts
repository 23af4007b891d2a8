// Retrieval quality on the real course: learner questions (lib/ask/questions.ts) must get the
// answering section FIRST, course-wide; questions the course does not cover must get "not covered".
import path from "node:path";
import { loadCourses } from "@/lib/content/load";
import { defined } from "@/lib/invariant";
import { coursePassages } from "./corpus";
import { errorTopic } from "./errors";
import { splitSentences } from "./passages";
import { DROPOUT_CHAPTER, LEARNER_QUESTIONS, NOT_COVERED } from "./questions";
import { answerFromCourse, bestSentences } from "./retrieve";
import { buildIndex, loadIndex, MAX_HITS, searchPassages, serializeIndex } from "./search";

const courses = loadCourses(path.resolve(__dirname, "../../content"));
const index = buildIndex(coursePassages(courses));

it("answers at least 40 learner questions, at least 90% with the right section first (asked from the Dropout page)", () => {
  const misses: string[] = [];
  for (const [question, chapter, anchors] of LEARNER_QUESTIONS) {
    const { answer, hits } = answerFromCourse(index, question, DROPOUT_CHAPTER);
    const first = answer.kind === "course" ? hits[0] : undefined;
    const right = (a: string) =>
      a.includes("#") ? a === `${first!.chapterId}#${first!.anchor}` : first!.chapterId === chapter && a === first!.anchor;
    if (!first || !anchors.some(right)) {
      misses.push(
        `${question} [${answer.kind}, confidence ${answer.confidence.toFixed(2)}] → ${hits
          .slice(0, 3)
          .map((h) => `${h.chapterId.split("/").pop()}#${h.anchor} (${h.score.toFixed(1)})`)
          .join(" | ")}`,
      );
    }
  }
  const share = 1 - misses.length / LEARNER_QUESTIONS.length;
  if (misses.length) console.log(`${misses.length} of ${LEARNER_QUESTIONS.length} missed:\n${misses.join("\n")}`);
  expect(LEARNER_QUESTIONS.length).toBeGreaterThanOrEqual(40);
  expect(share).toBeGreaterThanOrEqual(0.9);
});

it("finds other chapters' answers from the Dropout page (retrieval is course-wide)", () => {
  const elsewhere = LEARNER_QUESTIONS.filter(([, chapter]) => chapter !== DROPOUT_CHAPTER);
  expect(elsewhere.length).toBeGreaterThanOrEqual(8);
  for (const [question, chapter] of elsewhere) {
    const { answer } = answerFromCourse(index, question, DROPOUT_CHAPTER);
    // The other chapter's section is among the quoted sections of the answer.
    expect([question, answer.kind === "course" && answer.parts.some((p) => p.href.startsWith(`/courses/${chapter}`))]).toEqual([
      question,
      true,
    ]);
  }
});

it.each(NOT_COVERED)("says the course does not cover %p", (question) => {
  expect(answerFromCourse(index, question, DROPOUT_CHAPTER).answer.kind).toBe("not-covered");
});

it("quotes the sentence that answers, not the opposite situation", () => {
  const { answer } = answerFromCourse(
    index,
    "why does my validation loss look better than my training loss with dropout?",
    DROPOUT_CHAPTER,
  );
  expect(answer.kind).toBe("course");
  if (answer.kind !== "course") return;
  // The lesson's answer: training loss is measured with dropout on, validation loss with it off.
  expect(answer.parts[0]?.quotes.join(" ")).toMatch(/validation loss is always measured\s+with dropout off|dropout off/i);
});

it("quotes the CNN guidance for a question about convolutional networks", () => {
  const { answer } = answerFromCourse(index, "should I use dropout in a CNN?", DROPOUT_CHAPTER);
  expect(answer.kind === "course" && answer.parts[0]?.quotes.join(" ")).toMatch(/convolutional/i);
});

it("keeps the TeX of quoted math for rendering, and plain text for the model", () => {
  const { answer } = answerFromCourse(index, "what is the variance of a unit after dropout?", DROPOUT_CHAPTER);
  expect(answer.kind).toBe("course");
  if (answer.kind !== "course") return;
  const part = defined(answer.parts[0], "a quoted section");
  expect(part.heading).toMatch(/variance/);
  // The formula is quoted as TeX (the server typesets it), never flattened to "hi' = di hi".
  expect(part.quotesMarkdown.join(" ")).toContain("\\operatorname{Var}[h_i']");
  expect(part.quotes.join(" ")).not.toMatch(/\\operatorname/);
});

describe("sentences", () => {
  it("keeps inline math whole, attaches a display formula to its sentence, and keeps abbreviations", () => {
    const s = splitSentences(
      "The layer then passes on\n\n$$\nh_i' = \\frac{d_i h_i}{1 - p}.\n$$\n\nUnits that survive are scaled by $1/(1-p)$. Li et al. (2019) called this the variance shift of the units.",
    );
    expect(s.map((x) => x.markdown)).toEqual([
      "The layer then passes on $$ h_i' = \\frac{d_i h_i}{1 - p}. $$",
      "Units that survive are scaled by $1/(1-p)$.",
      "Li et al. (2019) called this the variance shift of the units.",
    ]);
    expect(s[1]?.plain).toBe("Units that survive are scaled by 1/(1-p).");
  });

  it("turns table rows into sentences and drops the header row", () => {
    const s = splitSentences("| Source | Parameter | Training |\n|---|---|---|\n| CS231n notes | $p$ = keep | inverted scaling |");
    expect(s.map((x) => x.markdown)).toEqual(["CS231n notes — $p$ = keep; inverted scaling."]);
  });

  it("prefers the best-scoring sentences and brings the one after a short sentence", () => {
    const sentences = [
      "Dropout is cheap and widely used by everyone.",
      "Short one here.",
      "At inference time the layer is the identity and nothing is scaled.",
    ].map((t) => ({ markdown: t, plain: t }));
    expect(bestSentences({ sentences, sentenceScores: [0, 0, 5] }, 1)).toEqual([2]);
    expect(bestSentences({ sentences, sentenceScores: [0, 5, 0] }, 1)).toEqual([1, 2]);
  });
});

describe("Ask AI about this error", () => {
  const errors: [string, string][] = [
    [
      "shape",
      "Error in matMul: inner shapes (3) and (4) of Tensors with shapes 2,3 and 4,5 and transposeA=false and transposeB=false must match.",
    ],
    ["shape", "Operands could not be broadcast together with shapes 2,3 and 4,5."],
    ["shape", "Error when checking : expected dense_Dense1_input to have shape [null,20] but got array with shape [5,3]."],
    ["dtype", "Argument 'x' passed to 'mul' must be float32 tensor, but got bool tensor"],
    ["disposed", "Tensor is disposed."],
    ["await", "TypeError: Cannot read properties of undefined (reading 'toFixed')"],
  ];

  it.each(errors)("recognises a %s error and answers from the course's help on it", (kind, error) => {
    expect(errorTopic(error)?.kind).toBe(kind);
    const { answer, hits } = answerFromCourse(index, { question: "Why does this code fail, and how do I fix it?", error }, DROPOUT_CHAPTER);
    expect(answer.kind).toBe("course");
    expect(hits[0]?.anchor).toBe("when-a-cell-fails-four-common-tensorflowjs-errors");
    const quoted = answer.kind === "course" ? answer.parts[0]?.quotes.join(" ") : "";
    const expected = { shape: /shape/i, dtype: /cast/i, disposed: /disposed/i, await: /await/i }[kind as "shape"];
    expect(quoted).toMatch(expected);
  });

  it("leaves other errors to ordinary retrieval", () => {
    expect(
      errorTopic("RangeError: dropout rate must be a number in [0, 1) — the probability of dropping a unit — but got 1.5"),
    ).toBeUndefined();
    const { answer } = answerFromCourse(
      index,
      {
        question: "Why does this code fail?",
        error: "RangeError: dropout rate must be a number in [0, 1) — the probability of dropping a unit — but got 1.5",
      },
      DROPOUT_CHAPTER,
    );
    expect(answer.kind).toBe("course");
  });
});

it("survives serialisation (the index is built at build time and loaded by the server)", () => {
  const reloaded = loadIndex(serializeIndex(index));
  const question = "what is inverted dropout?";
  expect(searchPassages(reloaded, question, DROPOUT_CHAPTER).map((h) => [h.id, h.score.toFixed(6)])).toEqual(
    searchPassages(index, question, DROPOUT_CHAPTER).map((h) => [h.id, h.score.toFixed(6)]),
  );
});

it("does not call a covered question 'not covered' because it carries a number", () => {
  const numbered = Array.from({ length: 12 }, (_, i) => `What does dropout do? (${i})`);
  for (const question of ["What does dropout do?", ...numbered, "what does a dropout rate of 0.5 do"]) {
    expect(answerFromCourse(index, question, DROPOUT_CHAPTER).answer.kind).toBe("course");
  }
});

it("still forgives misspelt words (spelling tolerance applies to words the course never uses)", () => {
  const right = searchPassages(index, "what does dropout do to a network?", DROPOUT_CHAPTER)[0];
  const typo = searchPassages(index, "what does drupout do to a netwerk?", DROPOUT_CHAPTER)[0];
  expect(right).toBeDefined();
  expect(typo?.id).toBe(right!.id);
});

it("builds hit objects only for the leading passages", () => {
  const hits = searchPassages(index, "dropout rate training network model layer", DROPOUT_CHAPTER);
  expect(hits).toHaveLength(MAX_HITS);
  expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
});
