// What the Batch Normalization chapter says about its cells' output, checked on every claim
// backend by running the cells themselves (the code in the .mdx) with their own seed and another,
// and the "batch of one" pitfall checked on tfjs's own layer.
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { executeCell } from "@/lib/runner/execute";
import { PLATFORM_MODULES } from "@/lib/runner/modules";
import { lessonCells } from "@/tests/support/lesson-cells";
import { numberAfter } from "@/tests/support/run-lesson-cell";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";

const CELLS = lessonCells(path.resolve(__dirname, "../../regularization-techniques/batch-normalization.mdx"));

/** Runs one of the chapter's cells (or `code` in its place) on the current backend; what it printed. */
async function run(id: string, seed?: number, code?: string): Promise<string> {
  const cell = CELLS.find((c) => c.id === id)!;
  const lines: string[] = [];
  const log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const cellConsole = { log, info: log, warn: log, error: log, debug: log };
  const result = await executeCell({ code: code ?? cell.code, seed: seed ?? cell.seed, modules: PLATFORM_MODULES, console: cellConsole });
  expect(result).toMatchObject({ kind: "ran", ok: true, tensorsLeft: 0 });
  return lines.join("\n");
}

/** "…: after 200 steps 98%, mean over steps 50–200 88%" → [0.98, 0.88]. */
function accuracies(text: string, label: string): [number, number] {
  const line = text.split("\n").find((l) => l.includes(label));
  const m = line && /after \d+ steps (\d+)%, mean over steps \d+–\d+ (\d+)%/.exec(line);
  if (!m) throw new Error(`no accuracies for "${label}" in:\n${text}`);
  return [Number(m[1]) / 100, Number(m[2]) / 100];
}

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);

  it("batch norm in both modes: standardises in training mode, a fresh layer passes data through, batch-dependent only in training", async () => {
    const text = await run("bn-modes");
    const row = (label: string) =>
      /mean (\S+) (\S+) (\S+) \| std (\S+) (\S+) (\S+)/
        .exec(text.split("\n").find((l) => l.startsWith(label))!)!
        .slice(1)
        .map(Number);
    const input = row("input");
    const training = row("training mode");
    row("inference mode, fresh layer").forEach((v, i) => expect(Math.abs(v - input[i]!)).toBeLessThan(0.01 * Math.abs(input[i]!) + 0.02));
    training.slice(0, 3).forEach((m) => expect(Math.abs(m)).toBeLessThan(0.01));
    training.slice(3).forEach((s) => expect(s).toBeCloseTo(1, 2));
    // One training-mode call moves the moving mean 1 − momentum (0.01) of the way to the batch mean.
    const moving = text
      .split("\n")
      .find((l) => l.startsWith("moving mean"))!
      .split(/\s+/)
      .slice(-3)
      .map(Number);
    moving.forEach((m, i) => expect(Math.abs(m - 0.01 * input[i]!)).toBeLessThan(0.006));
    expect(numberAfter(text, "training mode: outputs differ by")).toBeGreaterThan(0.5);
    expect(numberAfter(text, "inference mode: outputs differ by")).toBe(0);
  });

  // The cell as it stands, and with the tfjs default momentum the text asks the reader to try.
  // On wasm a second seed too: the cpu backend runs this cell slowly under jest. Offline, every
  // assertion held on seeds 1–16 (cpu) and 1–30 (wasm).
  const MOMENTUM = "const MOMENTUM = 0.9;";
  const seeds = backend === "cpu" ? [5] : [5, 2];
  const asItStands = new Map<number, Promise<string>>();
  const runAsItStands = (seed: number) => {
    if (!asItStands.has(seed)) asItStands.set(seed, run("bn-sigmoid", seed));
    return asItStands.get(seed)!;
  };

  it.each(seeds)(
    "sigmoid network, seed %i: batch norm fits the circle; with momentum 0.9 inference mode trails, then comes within about 10 points",
    async (seed) => {
      const text = await runAsItStands(seed);
      const outside = numberAfter(text, "points outside the circle:") / 100;
      const plain = Number(/without batch norm: loss [\d.]+, accuracy (\d+)%/.exec(text)![1]) / 100;
      // Without batch norm: the loss barely moves, and the accuracy is that of "always outside".
      expect(numberAfter(text, "without batch norm: loss")).toBeGreaterThan(0.6);
      expect(plain).toBeLessThanOrEqual(outside + 0.03);
      expect(numberAfter(text, "with batch norm:    loss")).toBeLessThan(0.3);
      const [training, trainingMean] = accuracies(text, "training mode:");
      const [inference, inferenceMean] = accuracies(text, "inference mode:");
      expect(training).toBeGreaterThanOrEqual(0.88); // "about 90% or more"
      expect(inferenceMean).toBeLessThan(trainingMean);
      expect(training - inference).toBeLessThanOrEqual(0.15);
      expect(inference).toBeGreaterThan(plain + 0.15);
    },
    120_000,
  );

  it.each(seeds)(
    "sigmoid network, seed %i, momentum 0.99: training mode unchanged, inference mode at least 15 points behind on average",
    async (seed) => {
      const cell = CELLS.find((c) => c.id === "bn-sigmoid")!;
      expect(cell.code).toContain(MOMENTUM);
      const base = await runAsItStands(seed);
      const text = await run("bn-sigmoid", seed, cell.code.replace(MOMENTUM, "const MOMENTUM = 0.99;"));
      const line = (t: string, start: string) => t.split("\n").find((l) => l.trimStart().startsWith(start))!;
      expect(line(text, "with batch norm:").replace("0.99", "0.9")).toBe(line(base, "with batch norm:"));
      expect(line(text, "training mode:")).toBe(line(base, "training mode:"));
      const outside = numberAfter(text, "points outside the circle:") / 100;
      const [, trainingMean] = accuracies(text, "training mode:");
      const [, inferenceMean] = accuracies(text, "inference mode:");
      expect(trainingMean - inferenceMean).toBeGreaterThanOrEqual(0.15);
      expect(inferenceMean).toBeLessThanOrEqual(outside + 0.15);
    },
    120_000,
  );

  it("a batch of one in training mode: zero variance for dense features, not for a convolution's channels", () => {
    const bn = tf.layers.batchNormalization(); // γ = 1, β = 0
    const dense = tf.layers.batchNormalization();
    const [denseOut, convStd] = tf.tidy(() => {
      // Dense features, shape [1, 4]: each feature's only value is its mean, so every output is β = 0.
      const d = dense.apply(tf.tensor2d([[3, -1, 7, 0.5]]), { training: true }) as tf.Tensor;
      // One 6×6 image with 3 channels: each channel is normalised over its 36 positions.
      const image = tf.randomNormal([1, 6, 6, 3]).mul([1, 10, 100]).add([5, -20, 300]);
      const c = bn.apply(image, { training: true }) as tf.Tensor;
      return [Array.from(d.dataSync()), Array.from(tf.moments(c, [0, 1, 2]).variance.sqrt().dataSync())];
    });
    denseOut.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-3));
    convStd.forEach((s) => expect(s).toBeCloseTo(1, 1));
    bn.dispose();
    dense.dispose();
  });
});
