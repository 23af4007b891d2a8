// Retrieval quality on the real course: realistic learner questions must find the section that
// answers them in the top 3; questions the course does not cover must get "not covered".
import path from "node:path";
import { loadCourses } from "@/lib/content/load";
import { coursePassages } from "./corpus";
import { answerFromCourse, bestSentences } from "./retrieve";
import { buildIndex, loadIndex, searchPassages, serializeIndex } from "./search";

const DROPOUT = "optimization-regularization/regularization-techniques/dropout";
const courses = loadCourses(path.resolve(__dirname, "../../content"));
const index = buildIndex(coursePassages(courses));

// [question, acceptable answer sections (anchor ids in the Dropout chapter; "" = its opening)]
const QUESTIONS: [string, string[]][] = [
  ["Can you explain why dropout helps prevent overfitting?", ["", "why-it-works-a-huge-ensemble-with-shared-weights"]],
  ["How do I choose the right dropout probability for my model?", ["using-dropout-in-practice"]],
  ["Are there any drawbacks or limitations to using dropout?", ["using-dropout-in-practice"]],
  ["Why are the kept units scaled by 1/(1-p)?", ["the-mechanism"]],
  ["Is p the probability of keeping or dropping a unit in PyTorch?", ["two-conventions-for-the-same-idea"]],
  ["What happens to the dropout layer when I call model.eval()?", ["train-mode-and-eval-mode"]],
  ["Does model.predict in TensorFlow.js apply dropout?", ["train-mode-and-eval-mode"]],
  ["What is inverted dropout?", ["two-conventions-for-the-same-idea"]],
  ["How does the original paper scale the weights at test time?", ["two-conventions-for-the-same-idea", "why-it-works-a-huge-ensemble-with-shared-weights"]],
  ["Why is dropout like training an ensemble of networks?", ["why-it-works-a-huge-ensemble-with-shared-weights"]],
  ["What is co-adaptation of hidden units?", [""]],
  ["Where should I put dropout layers in my network?", ["using-dropout-in-practice"]],
  ["Does dropout work well together with batch normalization?", ["using-dropout-in-practice"]],
  ["What MNIST test error did the dropout paper report?", ["why-it-works-a-huge-ensemble-with-shared-weights"]],
  ["What is the expected value of a unit's output after dropout?", ["the-mechanism"]],
  ["What goes wrong if I forget to switch off dropout at inference?", ["train-mode-and-eval-mode"]],
  ["Is a new random mask drawn on every forward pass?", ["the-mechanism"]],
  ["Which rate should I use for the input layer?", ["using-dropout-in-practice"]],
];

const NOT_COVERED = [
  "What is the capital of France?",
  "How do transformers use self-attention?",
  "Who won the football world cup in 2022?",
  "How do I bake sourdough bread?",
];

it("finds the answering section in the top 3 for at least 90% of learner questions", () => {
  const misses: string[] = [];
  for (const [question, anchors] of QUESTIONS) {
    const top = searchPassages(index, question, DROPOUT).slice(0, 3);
    const found = top.some((h) => h.chapterId === DROPOUT && anchors.includes(h.anchor));
    if (!found) misses.push(`${question} → ${top.map((h) => `${h.heading} (${h.score.toFixed(1)})`).join(" | ")}`);
  }
  const share = 1 - misses.length / QUESTIONS.length;
  if (share < 0.9) console.log(misses.join("\n"));
  expect(QUESTIONS.length).toBeGreaterThanOrEqual(15);
  expect(share).toBeGreaterThanOrEqual(0.9);
});

it("answers every learner question from the course, quoting sentences and linking sections", () => {
  for (const [question] of QUESTIONS) {
    const { answer } = answerFromCourse(index, question, DROPOUT);
    expect(answer.kind).toBe("course");
    if (answer.kind !== "course") continue;
    for (const part of answer.parts) {
      expect(part.href).toMatch(/^\/courses\/[a-z0-9/-]+(#[a-z0-9-]+)?$/);
      expect(part.quotes.length).toBeGreaterThan(0);
    }
  }
});

it.each(NOT_COVERED)("says the course does not cover %p", (question) => {
  expect(answerFromCourse(index, question, DROPOUT).answer.kind).toBe("not-covered");
});

it("prefers sentences that share the question's words", () => {
  const quotes = bestSentences(
    { text: "Dropout is cheap. At inference time the layer is the identity and nothing is scaled. Unrelated filler sentence here." },
    "What does dropout do at inference time?",
    1,
  );
  expect(quotes).toEqual(["At inference time the layer is the identity and nothing is scaled."]);
});

it("survives serialisation (the index is built at build time and loaded by the server)", () => {
  const reloaded = loadIndex(serializeIndex(index));
  expect(searchPassages(reloaded, "inverted dropout", DROPOUT)[0].id).toBe(searchPassages(index, "inverted dropout", DROPOUT)[0].id);
});
