// The batch-norm exercises' checkers on real tfjs (cpu): the reference solutions pass leak-free,
// the starters and planted mistakes fail with a message that names the mistake.
import * as tf from "@tensorflow/tfjs";
import { checkBatchNormForward, checkBatchNormLayer, type BatchNormForwardFn, type BatchNormLayerFn } from "./batch-normalization";
import { expectAccepted, expectRejected, expectThrowReported, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

describe("checkBatchNormForward", () => {
  // Same code as the lesson's solution.
  function batchNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): tf.Tensor {
    // One mean and one (biased) variance per feature, over the batch axis. Shape: [features].
    const { mean, variance } = tf.moments(x, 0);
    const xHat = x.sub(mean).div(variance.add(epsilon).sqrt());
    return xHat.mul(gamma).add(beta);
  }
  const solution: BatchNormForwardFn = batchNorm;
  const starter: BatchNormForwardFn = (x) => x;

  /** The solution with one step changed. */
  const variant =
    (opts: {
      axis?: number | number[];
      unbiased?: boolean;
      den?: "outside" | "none";
      gamma?: boolean;
      beta?: boolean;
    }): BatchNormForwardFn =>
    (x, gamma, beta, epsilon) => {
      const { mean, variance: biased } = tf.moments(x, opts.axis ?? 0, true);
      const m = x.shape[0];
      const variance = opts.unbiased ? biased.mul(m / (m - 1)) : biased;
      const den =
        opts.den === "outside" ? variance.sqrt().add(epsilon) : opts.den === "none" ? variance.sqrt() : variance.add(epsilon).sqrt();
      let y = x.sub(mean).div(den);
      if (opts.gamma !== false) y = y.mul(gamma);
      if (opts.beta !== false) y = y.add(beta);
      return y;
    };

  it("accepts the solution and leaves no tensors behind", async () => {
    const r = await leakFree(() => checkBatchNormForward(solution));
    expectAccepted(r);
    expect(r.messages.some((m) => m.startsWith("✓"))).toBe(true);
  });

  it("also accepts tf.batchNorm, the library's own op", async () => {
    const r = await checkBatchNormForward((x, gamma, beta, epsilon) => {
      const { mean, variance } = tf.moments(x, 0);
      return tf.batchNorm(x, mean, variance, beta, gamma, epsilon);
    });
    expect(r.ok).toBe(true);
  });

  it("rejects the starter", async () => {
    expectRejected(await checkBatchNormForward(starter), /input unchanged/);
  });

  it.each([
    ["statistics per example (axis 1)", variant({ axis: 1 }), /each example over its features/],
    ["statistics over the whole tensor", variant({ axis: [0, 1] }), /one mean and variance for the whole batch/],
    ["the unbiased variance", variant({ unbiased: true }), /divides by m − 1/],
    ["ε outside the square root", variant({ den: "outside" }), /ε is added after the square root/],
    ["no ε", variant({ den: "none" }), /ε is missing/],
    ["no γ", variant({ gamma: false }), /γ is missing/],
    ["no β", variant({ beta: false }), /β is missing/],
    ["no γ and no β", variant({ gamma: false, beta: false }), /γ and β are missing/],
    ["γ and β swapped", ((x, gamma, beta, epsilon) => variant({})(x, beta, gamma, epsilon)) as BatchNormForwardFn, /swapped/],
  ])("rejects %s and names it", async (_name, fn, phrase) => {
    expectRejected(await leakFree(() => checkBatchNormForward(fn)), phrase);
  });

  it("rejects a wrong output shape", async () => {
    expectRejected(await checkBatchNormForward((x) => x.sum(0)), /must have the input's shape/);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkBatchNormForward));

  it("reports a function that returns no tensor", async () => {
    expectRejected(await checkBatchNormForward((() => undefined) as unknown as BatchNormForwardFn), /must return a tensor/);
  });
});

describe("checkBatchNormLayer", () => {
  type Params = { gamma: tf.Tensor1D; beta: tf.Tensor1D; movingMean: tf.Tensor1D; movingVariance: tf.Tensor1D };

  /** The helper the exercise gives the learner. */
  function normalise(x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, p: Params, epsilon: number): tf.Tensor {
    return x.sub(mean).div(variance.add(epsilon).sqrt()).mul(p.gamma).add(p.beta);
  }

  // Same code as the lesson's solution.
  function batchNormLayer(x: tf.Tensor2D, p: Params, training: boolean, momentum: number, epsilon: number) {
    if (!training) {
      const y = normalise(x, p.movingMean, p.movingVariance, p, epsilon);
      return { y, movingMean: p.movingMean, movingVariance: p.movingVariance };
    }
    const { mean, variance } = tf.moments(x, 0); // this batch's statistics. Shape: [features].
    return {
      y: normalise(x, mean, variance, p, epsilon),
      movingMean: p.movingMean.mul(momentum).add(mean.mul(1 - momentum)),
      movingVariance: p.movingVariance.mul(momentum).add(variance.mul(1 - momentum)),
    };
  }
  const solution: BatchNormLayerFn = batchNormLayer;
  const starter: BatchNormLayerFn = (x, p) => ({ y: x, movingMean: p.movingMean, movingVariance: p.movingVariance });

  type Options = {
    inferenceWithBatch?: boolean;
    trainWithMoving?: boolean;
    weight?: (momentum: number) => number; // the weight of the old moving value
    noUpdate?: boolean;
    unbiased?: boolean;
    updateAtInference?: boolean;
  };
  /** The solution with one step changed. */
  const variant =
    (o: Options): BatchNormLayerFn =>
    (x, p, training, momentum, epsilon) => {
      const { mean, variance: biased } = tf.moments(x, 0);
      const m = x.shape[0];
      const variance = o.unbiased ? biased.mul(m / (m - 1)) : biased;
      const w = o.weight ? o.weight(momentum) : momentum;
      const update = training ? !o.noUpdate : !!o.updateAtInference;
      const movingMean = update ? p.movingMean.mul(w).add(mean.mul(1 - w)) : p.movingMean;
      const movingVariance = update ? p.movingVariance.mul(w).add(variance.mul(1 - w)) : p.movingVariance;
      const useBatch = training ? !o.trainWithMoving : !!o.inferenceWithBatch;
      const y = useBatch ? normalise(x, mean, biased, p, epsilon) : normalise(x, p.movingMean, p.movingVariance, p, epsilon);
      return { y, movingMean, movingVariance };
    };

  it("accepts the solution and leaves no tensors behind", async () => {
    const r = await leakFree(() => checkBatchNormLayer(solution));
    expectAccepted(r);
    expect(r.messages.filter((m) => m.startsWith("✓")).length).toBeGreaterThanOrEqual(8);
  });

  it("agrees with tfjs's own BatchNormalization layer", async () => {
    // The checker's convention is the library's: run tf.layers.batchNormalization as the learner's function.
    const layerAsFn: BatchNormLayerFn = (x, p, training, momentum, epsilon) => {
      const layer = tf.layers.batchNormalization({ momentum, epsilon });
      layer.build(x.shape);
      layer.setWeights([p.gamma, p.beta, p.movingMean, p.movingVariance]);
      const y = layer.apply(x, { training }) as tf.Tensor;
      const weights = layer.getWeights();
      const [, , movingMean, movingVariance] = weights.map((w) => w.clone());
      tf.dispose(weights); // the layer's variables (layer.dispose() refuses a layer never called symbolically)
      return { y, movingMean: movingMean as tf.Tensor, movingVariance: movingVariance as tf.Tensor };
    };
    const r = await checkBatchNormLayer(layerAsFn);
    expectAccepted(r);
  });

  it("rejects the starter", async () => {
    expectRejected(await checkBatchNormLayer(starter), /moving mean was not updated/);
  });

  it.each([
    ["batch statistics at inference", variant({ inferenceWithBatch: true }), /at inference normalise with the moving mean/],
    ["batch statistics for a single example at inference", variant({ inferenceWithBatch: true }), /came out as β/],
    ["moving statistics in training", variant({ trainWithMoving: true }), /the output used the moving statistics/],
    ["PyTorch's momentum convention", variant({ weight: (m) => 1 - m }), /PyTorch's convention is the reverse/],
    ["a hard-coded momentum 0.99", variant({ weight: () => 0.99 }), /momentum 0\.99; use the momentum argument/],
    ["replacing the moving statistics", variant({ weight: () => 0 }), /replaced by the batch mean/],
    ["no update in training", variant({ noUpdate: true }), /moving variance was not updated/],
    ["the unbiased variance in the update", variant({ unbiased: true }), /unbiased \(m − 1\) variance/],
    ["updates at inference", variant({ updateAtInference: true }), /inference changed the moving statistics/],
  ])("rejects %s and names it", async (_name, fn, phrase) => {
    expectRejected(await leakFree(() => checkBatchNormLayer(fn)), phrase);
  });

  it("rejects moving statistics with keepDims", async () => {
    const keepDims: BatchNormLayerFn = (x, p, training, momentum, epsilon) => {
      const out = solution(x, p, training, momentum, epsilon);
      return { ...out, movingMean: out.movingMean.reshape([1, -1]) };
    };
    expectRejected(await checkBatchNormLayer(keepDims), /must have shape \[3\]/);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkBatchNormLayer));

  it("reports a wrong return value instead of throwing", async () => {
    expectRejected(
      await leakFree(() => checkBatchNormLayer(((x: tf.Tensor2D) => x.clone()) as unknown as BatchNormLayerFn)),
      /return an object/,
    );
  });
});
