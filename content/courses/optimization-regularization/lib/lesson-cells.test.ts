// Every code cell of every chapter, run by the runner's own executor on real tfjs (cpu): it must
// finish without errors and leave no tensors behind (no "left undisposed" line under an untouched
// cell). Every exercise: its solution passes its check, its untouched starter does not, both
// without errors or leaks.
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { chapterParts } from "@/lib/content/parts";
import { chapterFiles } from "@/tests/support/lesson-cells";
import { runCell } from "@/tests/support/run-lesson-cell";
import * as course from "./index";
import { setUpTfjsCpu } from "./exercises/test-support";

const CONTENT = path.resolve(__dirname, "../..");
const LIBRARIES = { "course/dropout": course };

/** The slowest cell (40 epochs of model.fit) takes a few seconds on cpu; the machine is shared. */
const runCellTimeout = 60_000;

const CHAPTERS = chapterFiles(CONTENT).map((file) => ({
  chapter: path.relative(CONTENT, file).replace(/\.mdx$/, ""),
  ...chapterParts(matter(fs.readFileSync(file, "utf8")).content),
}));
const CELLS = CHAPTERS.flatMap((c) => c.cells.map((cell) => ({ chapter: c.chapter, ...cell })));
const EXERCISES = CHAPTERS.flatMap((c) => c.exercises.map((e) => ({ chapter: c.chapter, ...e })));

setUpTfjsCpu();

it("finds the lesson's cells", () => {
  const dropout = CELLS.filter((c) => c.chapter.endsWith("/dropout")).map((c) => c.id);
  expect(dropout).toEqual(
    expect.arrayContaining([
      "train-vs-eval",
      "inverted-dropout",
      "from-scratch",
      "see-the-mask",
      "live-loss",
      "variance-shift",
      "linear-l2",
      "spatial-dropout",
      "geometric-mean",
      "gaussian-dropout",
      "seeded-layer",
    ]),
  );
});

it("has at least two exercises in every chapter", () => {
  for (const c of CHAPTERS) expect({ chapter: c.chapter, enough: c.exercises.length >= 2 }).toEqual({ chapter: c.chapter, enough: true });
  expect(EXERCISES.length).toBeGreaterThanOrEqual(16);
});

it.each(CELLS.map((c) => [`${c.chapter} › ${c.id}`, c] as const))(
  "%s runs without errors and leaves no tensors",
  async (_name, cell) => {
    const run = await runCell(cell.code, cell.seed, LIBRARIES);
    expect(run.error).toBeUndefined();
    expect(run.lines.length + run.charts.length).toBeGreaterThan(0);
    expect(run.tensorsLeft).toBe(0);
  },
  runCellTimeout,
);

describe.each(EXERCISES.map((e) => [`${e.chapter} › exercise ${e.id}`, e] as const))("%s", (_name, exercise) => {
  it.each([
    ["passes its check with the reference solution, leak-free", exercise.solution, true],
    ["fails its check with the untouched starter, which runs without an error", exercise.starter, false],
  ] as const)(
    "%s",
    async (_what, code, passes) => {
      const run = await runCell(code, exercise.seed, LIBRARIES);
      expect(run.error).toBeUndefined();
      expect(run.verdicts).toHaveLength(1);
      // A pass has no ✗ line (a failing solution shows them here); a fail names at least one mistake.
      const mistakes = run.verdicts[0]!.messages.filter((m) => m.startsWith("✗"));
      if (passes) expect(mistakes).toEqual([]);
      else expect(mistakes).not.toEqual([]);
      expect(run.verdicts[0]!.ok).toBe(passes);
      expect(run.tensorsLeft).toBe(0);
    },
    runCellTimeout,
  );
});
