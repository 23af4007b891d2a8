// Retrieval quality on the real courses: every course's question sets (<course>/ask/*questions.yaml,
// its own questions and questions learners asked elsewhere) must get the answering section first,
// course-wide, and questions the course does not cover must get "not covered", at least as often
// as the set's measured floor. bench/ask.mjs prints the same report.
import path from "node:path";
import { loadCoursesFrom } from "@/lib/content/load";
import { defined } from "@/lib/invariant";
import { contentKey, corpus } from "./corpus";
import { errorTopic } from "./errors";
import { helpPages } from "./help";
import { renderHelp } from "./help-render.server";
import { splitSentences } from "./passages";
import { describeReport, evaluateSet, questionSets, rates } from "./questions";
import { answerFromCourse, bestSentences } from "./retrieve";
import { buildIndex, loadIndex, MAX_HITS, searchPassages, serializeIndex } from "./search";

const courses = loadCoursesFrom([path.resolve(__dirname, "../../content")]);
const source = corpus(courses);
const index = buildIndex(source);
const sets = questionSets(courses);
const DROPOUT_CHAPTER = "optimization-regularization/regularization-techniques/dropout";

describe.each(sets.map((s) => [s.title, s] as const))("question set: %s", (_title, set) => {
  const report = evaluateSet(index, set);

  it("names only sections that exist", () => {
    expect(report.unknownRefs).toEqual([]);
  });

  it("answers and declines at least as often as its measured floor", () => {
    const x = rates(report);
    if (x.firstRight < 1 || x.declined < 1) console.log(describeReport(report).join("\n"));
    expect(x.firstRight).toBeGreaterThanOrEqual(set.floor.firstRight);
    expect(x.declined).toBeGreaterThanOrEqual(set.floor.declined);
  });

  it("is large enough to measure, and a collected set says where each question was asked", () => {
    expect(report.covered).toBeGreaterThanOrEqual(30);
    expect(report.notCovered).toBeGreaterThanOrEqual(5);
    if (set.collected) for (const q of set.questions) expect([q.ask, q.source]).toEqual([q.ask, expect.stringMatching(/^https?:\/\//)]);
  });
});

it("keeps a set written with the course and a set of learners' own phrasings", () => {
  expect(sets.filter((s) => !s.collected).length).toBeGreaterThanOrEqual(1);
  expect(sets.filter((s) => s.collected).length).toBeGreaterThanOrEqual(1);
});

it("finds other chapters' answers from the Dropout page (retrieval is course-wide)", () => {
  const set = defined(
    sets.find((s) => !s.collected),
    "the course's own set",
  );
  const elsewhere = set.questions.filter(
    (q) => q.answers !== "not covered" && !q.answers.some((h) => h.startsWith(`/courses/${DROPOUT_CHAPTER}`)),
  );
  expect(elsewhere.length).toBeGreaterThanOrEqual(8);
  const page = (href: string) => href.split("#")[0];
  const missed = elsewhere.filter((q) => {
    const { answer } = answerFromCourse(index, q.ask, DROPOUT_CHAPTER);
    const chapters = new Set((q.answers as string[]).map(page));
    // The other chapter (or help page) is among the sections the answer quotes.
    return !(answer.kind === "course" && answer.parts.some((p) => chapters.has(page(p.href))));
  });
  expect(missed.map((q) => q.ask)).toEqual([]);
});

it("uses only course words the course has: every vocabulary entry can match", () => {
  const unused = Object.values(source.vocabularies)
    .flat()
    .flatMap((e) => e.adds.flat())
    .filter((stem) => !index.df.has(stem));
  expect([...new Set(unused)]).toEqual([]);
});

describe("the help page on the runner's messages", () => {
  const [page] = helpPages().filter((p) => p.slug === "runner-messages");

  it("is indexed, and Ask AI cites its sections with links that exist on the page", () => {
    const help = defined(page, "content/help/runner-messages.md");
    const ids = new Set(renderHelp(help.source).headings.map((h) => h.id));
    const helpPassages = source.passages.filter((p) => p.href.startsWith("/help/runner-messages"));
    expect(helpPassages.length).toBeGreaterThan(20);
    for (const p of helpPassages) if (p.anchor) expect([p.href, ids.has(p.anchor)]).toEqual([p.href, true]);

    const { answer } = answerFromCourse(index, "My cell says 200 tensors were left undisposed. What do I do?", DROPOUT_CHAPTER);
    expect(answer.kind).toBe("course");
    const part = answer.kind === "course" ? answer.parts[0] : undefined;
    expect(part?.href).toBe("/help/runner-messages#tensors-left-undisposed");
    expect(part?.quotes.join(" ")).toMatch(/tf\.tidy|dispose/);
  });

  it("is part of the index's content key (editing it rebuilds the index)", () => {
    const help = defined(page, "content/help/runner-messages.md");
    expect(contentKey(courses, [help])).not.toBe(contentKey(courses, [{ ...help, source: `${help.source}\nMore.` }]));
  });
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
    const error = "RangeError: dropout rate must be a number in [0, 1) — the probability of dropping a unit — but got 1.5";
    expect(errorTopic(error)).toBeUndefined();
    const { answer } = answerFromCourse(index, { question: "Why does this code fail?", error }, DROPOUT_CHAPTER);
    expect(answer.kind).toBe("course");
  });
});

it("survives serialisation (the index is built at build time and loaded by the server)", () => {
  const reloaded = loadIndex(serializeIndex(index));
  for (const question of [
    "what is inverted dropout?",
    "how do I pick a dropout rate for hidden layers?",
    "My cell says 200 tensors were left undisposed",
  ]) {
    expect(searchPassages(reloaded, question, DROPOUT_CHAPTER).map((h) => [h.id, h.score.toFixed(6)])).toEqual(
      searchPassages(index, question, DROPOUT_CHAPTER).map((h) => [h.id, h.score.toFixed(6)]),
    );
  }
});

it("does not call a covered question 'not covered' because it carries a number or a symbol", () => {
  const numbered = Array.from({ length: 12 }, (_, i) => `What does dropout do? (${i})`);
  for (const question of ["What does dropout do?", ...numbered, "what does a dropout rate of 0.5 do", "why scale by 1-p with p=0.5?"]) {
    expect([question, answerFromCourse(index, question, DROPOUT_CHAPTER).answer.kind]).toEqual([question, "course"]);
  }
});

it("still forgives misspelt words, in ranking and in deciding the course covers them", () => {
  const right = searchPassages(index, "what does dropout do to a network?", DROPOUT_CHAPTER)[0];
  const typo = searchPassages(index, "what does drupout do to a netwerk?", DROPOUT_CHAPTER)[0];
  expect(right).toBeDefined();
  expect(typo?.id).toBe(right!.id);
  expect(answerFromCourse(index, "what does drupout do to a netwerk?", DROPOUT_CHAPTER).answer.kind).toBe("course");
});

it("reads British and US spelling alike", () => {
  const us = searchPassages(index, "what does regularization do?", DROPOUT_CHAPTER).map((h) => h.id);
  const uk = searchPassages(index, "what does regularisation do?", DROPOUT_CHAPTER).map((h) => h.id);
  expect(uk).toEqual(us);
});

it("builds hit objects only for the leading passages", () => {
  const hits = searchPassages(index, "dropout rate training network model layer", DROPOUT_CHAPTER);
  expect(hits).toHaveLength(MAX_HITS);
  expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
});
