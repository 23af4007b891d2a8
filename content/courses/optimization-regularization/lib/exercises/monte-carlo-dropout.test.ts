// The Monte Carlo dropout chapter's exercise checkers on real tfjs (cpu): the reference solutions
// pass without leaking tensors; the starters and realistic mistakes fail with a message naming them.
import * as tf from "@tensorflow/tfjs";
import {
  checkMcDropoutPrediction,
  checkMcDropoutUncertainty,
  type McDropoutPredict as Predict,
  type McDropoutUncertainty as Uncertainty,
} from "./monte-carlo-dropout";
import { expectAccepted, expectRejected, expectThrowReported, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

/** T passes with dropout on, as a learner may write them (no tf.tidy: the checker cleans up). */
const passes = (model: tf.LayersModel, x: tf.Tensor, T: number, training = true) =>
  Array.from({ length: T }, () => model.apply(x, { training }) as tf.Tensor);

describe("checkMcDropoutPrediction (exercise mc-predict)", () => {
  // The MDX solution.
  const solution: Predict = (model, x, T) =>
    tf.tidy(() => {
      const stacked = tf.stack(passes(model, x, T)); // [T, batch, outputs]
      const { mean, variance } = tf.moments(stacked, 0);
      return { mean, std: variance.sqrt() };
    });
  // The MDX starter.
  const starter: Predict = (model, x) => {
    const y = model.predict(x) as tf.Tensor;
    return { mean: y, std: tf.zerosLike(y) };
  };

  it("accepts the solution and leaves no tensors", async () => expectAccepted(await leakFree(() => checkMcDropoutPrediction(solution))));

  it.each<[string, Predict]>([
    [
      "the sample standard deviation (1 / (T − 1))",
      (model, x, T) => {
        const stacked = tf.stack(passes(model, x, T));
        const mean = stacked.mean(0);
        return {
          mean,
          std: stacked
            .sub(mean)
            .square()
            .sum(0)
            .div(T - 1)
            .sqrt(),
        };
      },
    ],
    [
      "running the layers one by one with training only on dropout (as the lesson's cell)",
      (model, x, T) => {
        const runs = Array.from({ length: T }, () =>
          model.layers.reduce((h, layer) => layer.apply(h, { training: layer.getClassName() === "Dropout" }) as tf.Tensor, x),
        );
        const { mean, variance } = tf.moments(tf.stack(runs), 0);
        return { mean, std: variance.sqrt() };
      },
    ],
  ])("accepts %s", async (_name, fn) => expectAccepted(await leakFree(() => checkMcDropoutPrediction(fn))));

  it("rejects the starter (one pass, dropout off)", async () =>
    expectRejected(await leakFree(() => checkMcDropoutPrediction(starter)), /dropout was off[\s\S]*only one forward pass/));

  it.each<[string, Predict, RegExp]>([
    [
      "runs the passes with training: false",
      (model, x, T) => {
        const { mean, variance } = tf.moments(tf.stack(passes(model, x, T, false)), 0);
        return { mean, std: variance.sqrt() };
      },
      /dropout was off in every pass/,
    ],
    [
      "runs model.predict T times",
      (model, x, T) => {
        const runs = Array.from({ length: T }, () => model.predict(x) as tf.Tensor);
        const { mean, variance } = tf.moments(tf.stack(runs), 0);
        return { mean, std: variance.sqrt() };
      },
      /dropout was off in every pass/,
    ],
    [
      "averages over the batch axis",
      (model, x, T) => {
        const { mean, variance } = tf.moments(tf.stack(passes(model, x, T)), 1);
        return { mean, std: variance.sqrt() };
      },
      /averaged over the batch, not over the passes/,
    ],
    [
      "concatenates the passes instead of stacking them",
      (model, x, T) => {
        const { mean, variance } = tf.moments(tf.concat(passes(model, x, T)), 0);
        return { mean, std: variance.sqrt() };
      },
      /mean must have shape \[6, 3\].*got \[3\]/,
    ],
    [
      "returns the variance as std",
      (model, x, T) => {
        const { mean, variance } = tf.moments(tf.stack(passes(model, x, T)), 0);
        return { mean, std: variance };
      },
      /variance, not the standard deviation/,
    ],
    [
      "runs a single pass",
      (model, x) => {
        const y = model.apply(x, { training: true }) as tf.Tensor;
        return { mean: y, std: tf.zerosLike(y) };
      },
      /only one forward pass/,
    ],
    [
      "hard-codes T = 25",
      (model, x) => {
        const { mean, variance } = tf.moments(tf.stack(passes(model, x, 25)), 0);
        return { mean, std: variance.sqrt() };
      },
      /25 forward passes, expected T = 40/,
    ],
    [
      "returns a tensor instead of { mean, std }",
      (model, x) => model.apply(x, { training: true }) as unknown as ReturnType<Predict>,
      /return an object \{ mean, std \}/,
    ],
  ])("rejects a version that %s", async (_name, fn, message) =>
    expectRejected(await leakFree(() => checkMcDropoutPrediction(fn)), message),
  );

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkMcDropoutPrediction));
});

describe("checkMcDropoutUncertainty (exercise mc-entropy)", () => {
  /** −Σ p log p over the last axis, with 0 · log 0 counted as 0. */
  const entropyOf = (p: tf.Tensor) => tf.where(p.greater(0), p.mul(p.log()), tf.zerosLike(p)).sum(-1).neg();
  // The MDX solution.
  const solution: Uncertainty = (probs) =>
    tf.tidy(() => {
      const entropy = entropyOf(probs.mean(0));
      const expected = entropyOf(probs).mean(0);
      return { entropy, mutualInformation: entropy.sub(expected) };
    });
  // The MDX starter.
  const starter: Uncertainty = (probs) => {
    const batch = probs.shape[1];
    return { entropy: tf.zeros([batch]), mutualInformation: tf.zeros([batch]) };
  };
  /** The solution with one part swapped for a mistake. */
  const variant =
    (entropy: (p: tf.Tensor) => tf.Tensor, meanFirst = true): Uncertainty =>
    (probs) => {
      const h = meanFirst ? entropy(probs.mean(0)) : entropy(probs).mean(0);
      return { entropy: h, mutualInformation: h.sub(entropy(probs).mean(0)) };
    };

  it("accepts the solution and leaves no tensors", async () => expectAccepted(await leakFree(() => checkMcDropoutUncertainty(solution))));

  it("accepts an epsilon inside the log", async () =>
    expectAccepted(await leakFree(() => checkMcDropoutUncertainty(variant((p) => p.mul(p.add(1e-7).log()).sum(-1).neg())))));

  it("rejects the starter", async () =>
    expectRejected(await leakFree(() => checkMcDropoutUncertainty(starter)), /entropy is not −Σ p̄ log p̄/));

  it.each<[string, Uncertainty, RegExp]>([
    ["forgets 0 · log 0 = 0 (NaN on one-hot passes)", variant((p) => p.mul(p.log()).sum(-1).neg()), /NaN[\s\S]*0 · log 0/],
    ["forgets the minus sign", variant((p) => entropyOf(p).neg()), /entropy has the wrong sign/],
    ["averages the passes' entropies instead of the probabilities", variant(entropyOf, false), /average of the passes' entropies/],
    ["uses log base 2", variant((p) => entropyOf(p).div(Math.LN2)), /entropy is in bits/],
    ["sums over the wrong axis (the passes)", variant((p) => entropyOf(p.transpose()).transpose()), /entropy must have shape \[6\]/],
    [
      "subtracts the other way round",
      (probs) => {
        const { entropy, mutualInformation } = solution(probs);
        return { entropy, mutualInformation: mutualInformation.neg() };
      },
      /mutualInformation has the wrong sign/,
    ],
    [
      "returns the expected entropy as mutual information",
      (probs) => ({ entropy: entropyOf(probs.mean(0)), mutualInformation: entropyOf(probs).mean(0) }),
      /mutualInformation is the expected entropy alone/,
    ],
  ])("rejects a version that %s", async (_name, fn, message) =>
    expectRejected(await leakFree(() => checkMcDropoutUncertainty(fn)), message),
  );

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkMcDropoutUncertainty));
});
