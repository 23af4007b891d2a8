// The claims the lessons' cells make, checked by running the cells themselves (the code in the
// .mdx files, with their own seeds) on real tfjs (cpu): what each cell prints must hold.
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { lessonCells } from "@/tests/support/lesson-cells";
import { numberAfter, runLessonCell } from "@/tests/support/run-lesson-cell";

jest.setTimeout(180_000);

const CHAPTERS = path.resolve(__dirname, "../../content/courses/optimization-regularization");
const cell = (chapter: string, id: string) => {
  const found = lessonCells(path.join(CHAPTERS, `${chapter}.mdx`)).find((c) => c.id === id);
  if (!found) throw new Error(`no cell ${id} in ${chapter}`);
  return found;
};
/** Runs a cell; it must finish, draw what it says and leave no tensors. */
async function run(chapter: string, id: string) {
  const result = await runLessonCell(cell(chapter, id));
  expect(result.tensorsLeft).toBe(0);
  return result.text;
}

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});

it("gradient descent: η = 0.5 reaches the noise level, 0.01 has barely started, 1.1 diverges", async () => {
  const text = await run("optimization-basics/gradient-descent", "learning-rates");
  const start = numberAfter(text, "it started at");
  expect(numberAfter(text, "η = 0.5 (about right): loss after 30 steps")).toBeLessThan(0.02);
  expect(numberAfter(text, "η = 0.01 (too small): loss after 30 steps")).toBeGreaterThan(start / 4);
  expect(numberAfter(text, "η = 1.1 (too large): loss after 30 steps")).toBeGreaterThan(100 * start);
});

it("momentum and Adam: momentum ends 10× lower than SGD in the valley; Adam's first step is η per weight", async () => {
  const text = await run("adaptive-optimizers/momentum-and-adam", "valley-race");
  expect(numberAfter(text, "momentum  loss after 100 steps")).toBeLessThan(numberAfter(text, "SGD       loss after 100 steps") / 10);
  const steps = /first step per weight: ([\d.]+), ([\d.]+)/.exec(text)!;
  expect(Number(steps[1])).toBeCloseTo(0.5, 3);
  expect(Number(steps[2])).toBeCloseTo(0.5, 3);
});

it("overfitting: the training loss ends far below the noise floor, the validation loss above it", async () => {
  const text = await run("regularization-techniques/overfitting-and-regularization", "overfit");
  expect(numberAfter(text, "training loss at the end:")).toBeLessThan(0.045);
  expect(numberAfter(text, "validation loss at the end:")).toBeGreaterThan(0.09);
  expect(numberAfter(text, "generalisation gap:")).toBeGreaterThan(0.05);
});

it("weight penalties: only proximal L1 gives exact zeros; subgradient L1 and L2 give none", async () => {
  const text = await run("regularization-techniques/weight-penalties", "l1-zeros");
  expect(numberAfter(text, "L1, proximal:")).toBeGreaterThanOrEqual(14);
  expect(numberAfter(text, "L1, subgradient:")).toBeLessThanOrEqual(1);
  expect(numberAfter(text, "L2:")).toBe(0);
});

it("early stopping: the restored best weights beat the last ones on the test set", async () => {
  const text = await run("regularization-techniques/early-stopping-and-data-augmentation", "early-stopping");
  expect(numberAfter(text, "test loss with the restored best weights:")).toBeLessThan(numberAfter(text, "steps:"));
});

it("augmentation: mirroring with the target's symmetry cuts the test loss at least fivefold", async () => {
  const text = await run("regularization-techniques/early-stopping-and-data-augmentation", "mirror-augmentation");
  expect(numberAfter(text, "random mirroring:")).toBeLessThan(numberAfter(text, "no augmentation:") / 5);
});
