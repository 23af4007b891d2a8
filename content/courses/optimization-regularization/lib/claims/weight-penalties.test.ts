// Claims of the chapter "L1 and L2 Weight Penalties", on cpu and wasm: soft-thresholding sets a
// weight to exactly 0 if and only if |z| ≤ ηλ (the boundary included, as in the exercise's
// checker); at the L1 minimum every nonzero weight has |∂L/∂w_j| = λ and the zeros have
// |∂L/∂w_j| ≤ λ, strictly below λ in practice; and the cell's comparison of L2, subgradient L1
// and proximal L1 holds for several seeds.
import * as tf from "@tensorflow/tfjs";
import { checkProximalL1Step } from "../exercises/weight-penalties";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";

/** The chapter's soft-thresholding step: z = w − η·grad, then sign(z)·max(|z| − ηλ, 0). */
const proximalStep = (w: tf.Tensor, grad: tf.Tensor, lr: number, lambda: number) =>
  tf.tidy(() => {
    const z = w.sub(grad.mul(lr));
    const shrunk = tf.relu(z.abs().sub(lr * lambda)); // max(|z| − ηλ, 0)
    return z.sign().mul(shrunk);
  });

/** The cell's problem with its noise drawn from `seed`: 20 inputs, only the first 3 matter. */
function lassoProblem(seed: number) {
  return tf.tidy(() => {
    const X = tf.randomNormal([100, 20], 0, 1, "float32", seed);
    const trueW = tf.tensor2d([2, -3, 1.5, ...Array<number>(17).fill(0)], [20, 1]);
    const y = X.matMul(trueW).add(tf.randomNormal([100, 1], 0, 0.5, "float32", seed + 100));
    return { X, y };
  });
}

/** Runs `steps` updates from w = 0 on ½·mean((Xw − y)²); returns the weights and the data gradient there. */
function train(
  { X, y }: { X: tf.Tensor; y: tf.Tensor },
  update: (w: tf.Tensor, g: tf.Tensor) => tf.Tensor,
  steps: number,
): { w: number[]; grad: number[] } {
  // ∇ = Xᵀ(Xw − y)/100 = A·w − c, with A and c computed once.
  const A = tf.tidy(() => X.transpose().matMul(X).div(100));
  const c = tf.tidy(() => X.transpose().matMul(y).div(100));
  const dataGrad = (w: tf.Tensor) => tf.tidy(() => A.matMul(w).sub(c));
  let w: tf.Tensor = tf.zeros([20, 1]);
  for (let i = 0; i < steps; i++) {
    const next = tf.tidy(() => update(w, dataGrad(w)));
    w.dispose();
    w = next;
  }
  const grad = dataGrad(w);
  const result = { w: Array.from(w.dataSync()), grad: Array.from(grad.dataSync()) };
  tf.dispose([w, grad, A, c]);
  return result;
}

const LR = 0.05;
const LAMBDA = 0.1;
const SEEDS = [1, 2, 3, 4, 5];

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);

  it("soft-thresholding gives exactly 0 for |z| ≤ ηλ, the boundary included, and moves every other weight ηλ towards 0", () => {
    // η = 0.5, λ = 0.5: the threshold ηλ = 0.25 and every z below are exact in float32.
    const z = [-0.75, -0.2578125, -0.25, -0.125, 0, 0.125, 0.25, 0.2578125, 0.75];
    const out = tf.tidy(() => Array.from(proximalStep(tf.tensor1d(z), tf.zeros([z.length]), 0.5, 0.5).dataSync()));
    expect(out.map((v) => v === 0)).toEqual(z.map((v) => Math.abs(v) <= 0.25));
    expect(out.filter((v) => v !== 0)).toEqual([-0.5, -0.0078125, 0.0078125, 0.5]);
    // The exercise's checker accepts this step (its zero rule is softThreshold, max(|z| − ηλ, 0)).
    expect(checkProximalL1Step((w, g, lr, lambda) => proximalStep(w, g, lr, lambda)).ok).toBe(true);
  });

  it("at the L1 minimum, nonzero weights have |∂L/∂w_j| = λ and the zero weights |∂L/∂w_j| < λ", () => {
    for (const seed of SEEDS) {
      const problem = lassoProblem(seed);
      const { w, grad } = train(problem, (wt, g) => proximalStep(wt, g, LR, LAMBDA), 3000);
      tf.dispose(problem);
      const nonzero = w.flatMap((v, j) => (v !== 0 ? [Math.abs(grad[j]!)] : []));
      const zero = w.flatMap((v, j) => (v === 0 ? [Math.abs(grad[j]!)] : []));
      expect(nonzero.length).toBeGreaterThanOrEqual(3);
      expect(zero.length).toBeGreaterThanOrEqual(14);
      for (const g of nonzero) expect(g).toBeCloseTo(LAMBDA, 3);
      for (const g of zero) expect(g).toBeLessThan(LAMBDA);
    }
  });

  it("after 300 steps: L2 and subgradient L1 leave no irrelevant weight at exactly 0, proximal L1 nearly all 17", () => {
    for (const seed of SEEDS) {
      const problem = lassoProblem(seed);
      const l2 = train(problem, (w, g) => w.sub(g.add(w.mul(LAMBDA)).mul(LR)), 300).w.slice(3);
      const subgradient = train(problem, (w, g) => w.sub(g.add(w.sign().mul(LAMBDA)).mul(LR)), 300).w.slice(3);
      const proximal = train(problem, (w, g) => proximalStep(w, g, LR, LAMBDA), 300).w.slice(3);
      tf.dispose(problem);
      const zeros = (ws: number[]) => ws.filter((v) => v === 0).length;
      const largest = (ws: number[]) => Math.max(...ws.map(Math.abs));
      expect(zeros(l2)).toBe(0);
      expect(zeros(subgradient)).toBe(0);
      expect(zeros(proximal)).toBeGreaterThanOrEqual(15);
      // Subgradient L1 leaves them smaller than L2 does.
      expect(largest(subgradient)).toBeLessThan(largest(l2));
    }
  });
});
