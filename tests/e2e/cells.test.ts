// Code cells in real Chromium: every lesson cell runs on WebGL, edits persist, loops are stopped,
// errors point at the learner's line, and learner code cannot reach the app.
import Database from "better-sqlite3";
import { captured } from "../support/text";
import { cellAt as cell, DROPOUT, e2eDatabase, editCell as edit, openPage, runCell as run, useBrowser } from "./browser";

const browser = useBrowser();

// Each Run compiles WebGL shaders on SwiftShader (software, 2 shared cores): ~40 s for the lesson's
// cells on a quiet machine, well over a minute while other suites run. The lesson's two cell tests
// get their own budget; what each checks is unchanged.
const LESSON_CELLS_MS = 150_000;

const number = (text: string, label: string) => Number(new RegExp(`${label}\\s*([-\\d.]+)`).exec(text)?.[1]);

it(
  "runs every cell of the Dropout lesson on WebGL with the expected results",
  async () => {
    const { page, context } = await openPage(browser(), DROPOUT);

    const trainEval = await run(cell(page, "train-vs-eval"));
    expect(trainEval).toContain("train mode, two passes identical? false");
    expect(trainEval).toContain("eval mode, two passes identical? true");
    expect(trainEval).toContain("Tensor float32 [5, 10]");
    expect(trainEval).toMatch(/Finished in \d+ ms on webgl/);

    const inverted = await run(cell(page, "inverted-dropout"));
    expect(Math.abs(number(inverted, "fraction zeroed:") - 0.3)).toBeLessThan(0.01);
    const keptRange = /kept values, min and max: ([\d.]+) ([\d.]+)/.exec(inverted)!;
    expect(Number(keptRange[1])).toBeCloseTo(1 / 0.7, 3);
    expect(Number(keptRange[2])).toBeCloseTo(1 / 0.7, 3);
    expect(Math.abs(number(inverted, "mean of the output:") - 1)).toBeLessThan(0.01);
    expect(inverted).toContain("inference returns the input unchanged: true");

    const scratch = cell(page, "from-scratch");
    const first = await run(scratch);
    expect(Math.abs(number(first, "share zeroed  ours:") - 0.5)).toBeLessThan(0.02);
    expect(first).toMatch(/kept value\s+ours: 2\s+tf\.layers\.dropout: 2/);
    // The cell has a seed: a second run draws exactly the same masks.
    const second = await run(scratch);
    const withoutTiming = (t: string) => t.replace(/Finished in \d+ ms/, "");
    expect(withoutTiming(second)).toBe(withoutTiming(first));

    const exercise = cell(page, "exercise-implement-dropout");
    await run(exercise);
    const verdict = page.locator('[data-exercise-id="implement-dropout"] [data-outcome]');
    await verdict.and(page.locator('[data-outcome="fail"]')).waitFor();
    expect(await verdict.innerText()).toContain("nothing was dropped");
    await edit(
      exercise,
      [
        'import * as tf from "@tensorflow/tfjs";',
        'import { check } from "@lbr/check";',
        'import { checkInvertedDropout } from "course/dropout";',
        "function dropout(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {",
        "  if (!training) return x;",
        '  const mask = tf.randomUniform(x.shape).less(1 - rate).cast("float32");',
        "  return x.mul(mask).div(1 - rate);",
        "}",
        "await check(checkInvertedDropout(dropout));",
      ].join("\n"),
    );
    // On WebGL (float16 on some GPUs) a correct answer passes: the check's tolerance allows it.
    const solved = await run(exercise);
    await verdict.and(page.locator('[data-outcome="pass"]')).waitFor();
    expect(await verdict.innerText()).not.toContain("✗");
    // The lesson models the habit it teaches: no cell (nor the check) leaves tensors behind.
    for (const text of [trainEval, inverted, first, solved]) expect(text).not.toContain("left undisposed");

    // Progress: the server recorded every cell this learner ran.
    const learner = (await context.cookies()).find((c) => c.name === "lbr_learner")!.value.split(".")[0]; // "<id>.<signature>"
    const db = new Database(e2eDatabase(), { readonly: true });
    let cells: string[] = [];
    for (let i = 0; i < 20 && cells.length < 3; i++) {
      const row = db.prepare('SELECT "cellsRun" FROM "ChapterProgress" WHERE "learnerId" = ?').get(learner) as
        { cellsRun: string } | undefined;
      cells = row ? (JSON.parse(row.cellsRun) as string[]) : [];
      if (cells.length < 3) await page.waitForTimeout(100);
    }
    db.close();
    // Exercise runs are not cell runs: an exercise records its pass instead.
    expect(cells).toEqual(["from-scratch", "inverted-dropout", "train-vs-eval"]);
    await context.close();
  },
  LESSON_CELLS_MS,
);

it(
  "runs the cells on variance shift, dropout as an L2 penalty and spatial dropout with the lesson's results",
  async () => {
    const { page, context } = await openPage(browser(), DROPOUT);
    const variance = await run(cell(page, "variance-shift"));
    expect(variance).toMatch(/variance\s+training [\d.]+/);
    const [, trainVar, testVar] = /variance\s+training ([\d.]+)\s+inference ([\d.]+)/.exec(variance)!;
    expect(Math.abs(Number(trainVar) - 3)).toBeLessThan(0.15); // σ² + (σ² + μ²)·p/(1 − p) with μ = σ = 1, p = 0.5
    expect(Math.abs(Number(testVar) - 1)).toBeLessThan(0.05);
    const l2 = await run(cell(page, "linear-l2"));
    expect(l2).toMatch(/squared error, averaged over dropout masks: [\d.]+/); // shows the output if the cell failed
    const measured = number(l2, "squared error, averaged over dropout masks:");
    const predicted = number(l2, "squared error without dropout \\+ penalty:");
    expect(Math.abs(measured - predicted) / predicted).toBeLessThan(0.05);
    const spatial = await run(cell(page, "spatial-dropout"));
    // One row per image: each channel kept or dropped whole, and the images draw their own masks.
    const rows = captured(/spatial dropout, share of pixels kept per channel:\n((?:\s*image \d: [\d. ]+\n?){4})/, spatial)
      .trim()
      .split("\n")
      .map((r) => r.replace(/^\s*image \d: /, "").trim());
    expect(rows).toHaveLength(4);
    expect(rows.flatMap((r) => r.split(/\s+/)).every((v) => v === "0.00" || v === "1.00")).toBe(true);
    expect(new Set(rows).size).toBeGreaterThan(1);
    for (const text of [variance, l2, spatial]) expect(text).not.toContain("left undisposed");

    await context.close();
  },
  LESSON_CELLS_MS,
);
