// The real course's quiz banks: big enough to draw fresh rounds from, several item types, at least
// 40% computed or predict items; and every predict listing prints what its answer formula says,
// at its parameters' min, middle and max (run by the runner's own executor on tfjs cpu).
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { chaptersInOrder, loadCourses } from "@/lib/content/load";
import { runCell } from "@/tests/support/run-lesson-cell";
import { evaluate, fill, sampleValues, withinTolerance } from "./params";
import { loadQuiz, type LoadedNumberQuestion } from "./quiz.server";

const chapters = loadCourses(path.resolve(__dirname, "../../content")).flatMap((c) => chaptersInOrder(c));
const banks = chapters.map((chapter) => ({ chapter: chapter.slug, quiz: loadQuiz(chapter)! }));

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});

it.each(banks.map((b) => [b.chapter, b.quiz] as const))(
  "%s: a bank of ≥ 10 items, ≥ 3 types, ≥ 40% computed or predict, rounds of 5–7",
  (_c, quiz) => {
    const n = quiz.questions.length;
    const varying = quiz.questions.filter((q) => q.type === "computed" || q.type === "predict").length;
    expect(n).toBeGreaterThanOrEqual(10);
    expect(new Set(quiz.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(3);
    expect(varying / n).toBeGreaterThanOrEqual(0.4);
    expect(quiz.draw).toBeGreaterThanOrEqual(5);
    expect(quiz.draw).toBeLessThanOrEqual(7);
    // A harvested key of every fixed item cannot pass a round alone: the varying share sees to it.
    expect((quiz.draw - Math.ceil(0.4 * quiz.draw)) / quiz.draw).toBeLessThan(quiz.passingScore);
  },
);

const listings = banks.flatMap(({ chapter, quiz }) =>
  quiz.questions
    .filter((q): q is LoadedNumberQuestion => q.type === "predict")
    .flatMap((q) =>
      (Object.keys(q.params).length ? sampleValues(q.params) : [{}]).map(
        (values) => [`${chapter} › ${q.id} ${JSON.stringify(values)}`, q, values] as const,
      ),
    ),
);

it("has predict items in every chapter", () => {
  for (const { chapter } of banks) expect([chapter, listings.some(([name]) => name.startsWith(`${chapter} ›`))]).toEqual([chapter, true]);
});

it.each(listings)(
  "%s prints its key last",
  async (_name, q, values) => {
    const run = await runCell(fill(q.code!, values, q.params));
    expect(run.error).toBeUndefined();
    expect(run.tensorsLeft).toBe(0);
    const last = run.lines
      .at(-1)
      ?.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)
      ?.at(-1);
    expect(last).toBeDefined();
    const key = evaluate(q.answer, values);
    expect({ printed: Number(last), key, ok: withinTolerance(Number(last), key, q.tolerance) }).toMatchObject({ ok: true });
  },
  60_000,
);
