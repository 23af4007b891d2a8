// Claims of the chapter "Gradient Descent and the Learning Rate", on cpu and wasm: the line fit's
// Hessian and its stability limit 2/λ_max (converges just below, bounces at it, diverges just
// above, for several noise seeds), and the warm-up schedule with its toy loss. The chapter's two
// cells about them also run as written, with their seeds, on each backend.
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { executeCell } from "@/lib/runner/execute";
import { PLATFORM_MODULES } from "@/lib/runner/modules";
import { lessonCells } from "@/tests/support/lesson-cells";
import { numberAfter } from "@/tests/support/run-lesson-cell";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";

jest.setTimeout(60_000);

const CHAPTER = path.resolve(__dirname, "../../optimization-basics/gradient-descent.mdx");

/** Runs one of the chapter's cells as written, with its seed, on the current backend: what it printed. */
async function cellOutput(id: string): Promise<string> {
  const cell = lessonCells(CHAPTER).find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id} in the chapter`);
  const lines: string[] = [];
  const log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const run = await executeCell({
    code: cell.code,
    seed: cell.seed,
    modules: PLATFORM_MODULES,
    console: { log, info: log, debug: log, warn: log, error: log },
  });
  expect(run).toMatchObject({ kind: "ran", ok: true, tensorsLeft: 0 });
  return lines.join("\n");
}

/** The chapter's line-fit data with the noise drawn from `seed`: 100 points on y = 3x + 2. */
const lineData = (seed: number) =>
  tf.tidy(() => {
    const x = tf.linspace(-1, 1, 100);
    const noise = tf.randomNormal([100], 0, 0.1, "float32", seed);
    return { x, y: x.mul(3).add(2).add(noise) };
  });

/** Plain gradient descent on mean((w·x + b − y)²) from w = b = 0: the loss before and after each step. */
function descend({ x, y }: { x: tf.Tensor; y: tf.Tensor }, learningRate: number, steps: number): number[] {
  const [w, b] = tf.tidy(() => [tf.variable(tf.scalar(0)), tf.variable(tf.scalar(0))]);
  const loss = () => tf.tidy(() => x.mul(w).add(b).sub(y).square().mean() as tf.Scalar);
  const optimizer = tf.train.sgd(learningRate);
  const losses = [tf.tidy(() => loss().dataSync()[0]!)];
  for (let i = 0; i < steps; i++) {
    optimizer.minimize(loss);
    losses.push(tf.tidy(() => loss().dataSync()[0]!));
  }
  tf.dispose([w, b]);
  optimizer.dispose();
  return losses;
}

/**
 * The Hessian of the line fit's loss at (w, b) = (0, 0), measured from gradients (not from the
 * chapter's formula): column j is ∇L(e_j) − ∇L(0), exact for a quadratic. Its eigenvalues, sorted.
 */
function hessianEigenvalues({ x, y }: { x: tf.Tensor; y: tf.Tensor }): [number, number] {
  const gradAt = (w: number, b: number) =>
    tf.tidy(() => {
      const g = tf.grads((wt: tf.Tensor, bt: tf.Tensor) => x.mul(wt).add(bt).sub(y).square().mean())([tf.scalar(w), tf.scalar(b)]);
      return g.map((t) => t.dataSync()[0]!);
    });
  const [g0w, g0b] = gradAt(0, 0);
  const [gww, gwb] = gradAt(1, 0);
  const [gbw, gbb] = gradAt(0, 1);
  const [a, c, d] = [gww! - g0w!, (gwb! - g0b! + gbw! - g0w!) / 2, gbb! - g0b!];
  const spread = Math.hypot((a - d) / 2, c);
  return [(a + d) / 2 - spread, (a + d) / 2 + spread];
}

const SEEDS = [1, 2, 3, 4, 5];

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);
  afterEach(() => tf.disposeVariables());

  it("the line fit's Hessian has eigenvalues ≈ 0.68 (along w) and 2 (along b), so 2/λ_max = 1", () => {
    for (const seed of SEEDS) {
      const data = lineData(seed);
      const [lambdaMin, lambdaMax] = hessianEigenvalues(data);
      tf.dispose(data);
      expect(lambdaMin).toBeCloseTo(0.68, 2);
      expect(lambdaMax).toBeCloseTo(2, 3);
    }
  });

  it("gradient descent converges just below 2/λ_max = 1 and diverges just above it, whatever the noise", () => {
    for (const seed of SEEDS) {
      const data = lineData(seed);
      const below = descend(data, 0.98, 300);
      const above = descend(data, 1.02, 300);
      // "Try 0.99 and 1.01: the same split, only slower" (100 steps, as in the cell).
      const justBelow = descend(data, 0.99, 100);
      const justAbove = descend(data, 1.01, 100);
      tf.dispose(data);
      const start = below[0]!;
      expect(below[300]).toBeLessThan(0.02); // the noise level: the noise variance is 0.1² = 0.01
      expect(above[300]).toBeGreaterThan(1000 * start);
      expect(justBelow[100]).toBeLessThan(start / 10);
      expect(justAbove[100]).toBeGreaterThan(10 * start);
    }
  });

  it("at 1.05 · 2/λ_max the loss grows by about 1.1² ≈ 1.2 per step; at 2/λ_max it stops falling, far above the noise", () => {
    for (const seed of SEEDS) {
      const data = lineData(seed);
      const above = descend(data, 1.05, 100);
      const at = descend(data, 1, 100);
      tf.dispose(data);
      expect(above[100]! / above[99]!).toBeCloseTo(1.21, 2);
      expect(at[100]).toBeGreaterThan(1);
      expect(at[100]! / at[50]!).toBeCloseTo(1, 2);
    }
  });

  it("the stability cell prints λ 0.680 and 2.000, the limit 1.000, and converges / bounces / diverges around it", async () => {
    const text = await cellOutput("stability-limit");
    expect(text).toContain("Hessian eigenvalues 0.680 and 2.000: stable for η < 2/λ_max = 1.000");
    const start = numberAfter(text, "(it started at"); // the same data and start for all three runs
    expect(numberAfter(text, "η = 0.95 · 2/λ_max: loss after 100 steps")).toBeLessThan(0.02);
    const stuck = numberAfter(text, "η = 1 · 2/λ_max: loss after 100 steps");
    expect(stuck).toBeGreaterThan(1);
    expect(stuck).toBeLessThan(start);
    expect(numberAfter(text, "η = 1.05 · 2/λ_max: loss after 100 steps")).toBeGreaterThan(1e6 * start);
  });

  it("the toy loss 0.05·w² + 0.25·w⁴ has curvature ≈ 27 at w = 3 (stable below η ≈ 0.074) and 0.1 at w = 0 (stable up to 20)", () => {
    const loss = (w: tf.Tensor) => w.square().mul(0.05).add(w.pow(4).mul(0.25)).sum() as tf.Scalar;
    const gradient = tf.grad(loss);
    const secondDerivative = tf.grad((v: tf.Tensor) => gradient(v));
    const curvature = (w: number) => tf.tidy(() => secondDerivative(tf.scalar(w)).dataSync()[0]!);
    expect(curvature(3)).toBeCloseTo(27.1, 3);
    expect(2 / curvature(3)).toBeCloseTo(0.074, 3);
    expect(curvature(0)).toBeCloseTo(0.1, 5);
    expect(2 / curvature(0)).toBeCloseTo(20, 3);
  });

  it("the warm-up cell's schedule: linear to η_max = 1 at W = 20, cosine down to 0.01 at T = 100; only the full rate from step 1 diverges", async () => {
    const text = await cellOutput("warmup-cosine");
    // The schedule from the chapter's formula, computed here independently.
    const expected = [1, 10, 20, 60, 100].map((t) => (t <= 20 ? t / 20 : 0.01 + 0.5 * 0.99 * (1 + Math.cos((Math.PI * (t - 20)) / 80))));
    expect(expected.map((v) => v.toFixed(3))).toEqual(["0.050", "0.500", "1.000", "0.505", "0.010"]);
    expect(text).toContain(`η at steps 1, 10, 20, 60, 100: ${expected.map((v) => v.toFixed(3)).join(", ")}`);
    // "The full rate from the start blows up within a few steps."
    expect(numberAfter(text, "constant η = 1 (the peak): diverged, the loss overflowed at step")).toBeLessThanOrEqual(5);
    // The small constant rate is safe but ends far above the schedule.
    const small = numberAfter(text, "constant η = 0.05 (the first warm-up step): loss after 100 steps");
    const scheduled = numberAfter(text, "warm-up, then cosine: loss after 100 steps");
    expect(small).toBeGreaterThan(1e-3);
    expect(scheduled).toBeLessThan(1e-5);
    expect(small / scheduled).toBeGreaterThan(100);
  });
});
