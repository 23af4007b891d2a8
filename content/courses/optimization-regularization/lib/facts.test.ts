// Claims the Dropout chapter makes, checked on real tfjs (cpu) with fixed seeds: the variance of
// inverted dropout, dropout on a linear model's inputs as a data-dependent L2 penalty, and
// spatial dropout through noiseShape (one mask per image and channel).
import * as tf from "@tensorflow/tfjs";
import { setUpTfjsCpu } from "./exercises/test-support";

setUpTfjsCpu();

afterEach(() => tf.disposeVariables());

it.each([0.2, 0.5, 0.8])("tf.layers.dropout at rate %p keeps the mean h and has variance h²·p/(1 − p)", (p) => {
  const h = 1.5;
  const [mean, variance] = tf.tidy(() => {
    const out = tf.layers.dropout({ rate: p, seed: 3 }).apply(tf.fill([400_000], h), { training: true }) as tf.Tensor;
    const m = tf.moments(out);
    return [m.mean.asScalar().arraySync(), m.variance.asScalar().arraySync()];
  });
  const theory = (h * h * p) / (1 - p);
  expect(Math.abs(mean - h) / h).toBeLessThan(0.02);
  expect(Math.abs(variance - theory) / theory).toBeLessThan(0.03);
});

it("dropout on a linear model's inputs adds p/(1 − p)·Σ_j w_j²·Σ_i x_ij² to the expected squared error", () => {
  const p = 0.3;
  const passes = 2000;
  const [measured, plain, penalty] = tf.tidy(() => {
    const X = tf.randomNormal([50, 4], 0, 1, "float32", 1).mul(tf.tensor1d([0.5, 1, 2, 4]));
    const w = tf.tensor2d([[1], [-1], [0.5], [0.25]]);
    const y = tf.randomNormal([50, 1], 0, 1, "float32", 2);
    const thinned = tf.dropout(tf.tile(X, [passes, 1]), p, undefined, 5);
    const errors = tf.tile(y, [passes, 1]).sub(thinned.matMul(w));
    return [
      errors.square().sum().div(passes).asScalar().arraySync(),
      y.sub(X.matMul(w)).square().sum().asScalar().arraySync(),
      w
        .square()
        .reshape([4])
        .mul(X.square().sum(0))
        .sum()
        .mul(p / (1 - p))
        .asScalar()
        .arraySync(),
    ];
  });
  expect(Math.abs(measured - (plain + penalty)) / (plain + penalty)).toBeLessThan(0.03);
  // …and the penalty is not negligible, so the check above could fail if it were missing.
  expect(penalty / plain).toBeGreaterThan(0.1);
});

it("noiseShape [B, 1, 1, C] drops whole channels, each image its own (spatial dropout); without it pixels drop one by one", () => {
  const keptShares = (noiseShape?: number[]) =>
    tf.tidy(() => {
      const out = tf.layers.dropout({ rate: 0.5, noiseShape, seed: 9 }).apply(tf.ones([4, 8, 8, 32]), { training: true }) as tf.Tensor;
      return tf.greater(out, 0).cast("float32").mean([1, 2]).arraySync() as number[][];
    });
  const spatial = keptShares([4, 1, 1, 32]);
  expect(spatial.flat().every((v) => v === 0 || v === 1)).toBe(true);
  expect(spatial.flat().filter((v) => v === 1).length).toBeGreaterThan(40);
  expect(spatial.flat().filter((v) => v === 0).length).toBeGreaterThan(40);
  // Each image draws its own channel mask: no two of the 4 rows are equal.
  const rows = new Set(spatial.map((r) => r.join()));
  expect(rows.size).toBe(4);
  // A 1 on the batch axis shares one mask across the batch: every image drops the same channels.
  const shared = keptShares([1, 1, 1, 32]);
  expect(new Set(shared.map((r) => r.join())).size).toBe(1);
  const plain = keptShares();
  expect(plain.flat().filter((v) => v > 0 && v < 1).length).toBeGreaterThan(120);
});

it("the layer is the identity at inference (training: false, also the default)", () => {
  const same = tf.tidy(() => {
    const x = tf.randomNormal([20, 20], 0, 1, "float32", 4);
    const layer = tf.layers.dropout({ rate: 0.5 });
    return [layer.apply(x, { training: false }), layer.apply(x)].map((t) =>
      tf
        .equal(t as tf.Tensor, x)
        .all()
        .asScalar()
        .arraySync(),
    );
  });
  expect(same).toEqual([1, 1]);
});

it("tfjs 4.22's fit does not apply a layer's kernelConstraint; applying maxNorm after each batch does", async () => {
  const train = async (applyAfterEachBatch: boolean) => {
    const layer = tf.layers.dense({
      inputShape: [1],
      units: 1,
      useBias: false,
      kernelConstraint: tf.constraints.maxNorm({ maxValue: 2, axis: 0 }),
    });
    const model = tf.sequential({ layers: [layer] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: "meanSquaredError" });
    const [x, y] = [tf.ones([8, 1]), tf.fill([8, 1], 10)];
    const kernel = layer.weights[0]!;
    const constraint = tf.constraints.maxNorm({ maxValue: 2, axis: 0 });
    await model.fit(x, y, {
      epochs: 30,
      verbose: 0,
      callbacks: applyAfterEachBatch
        ? {
            onBatchEnd: async () => {
              const capped = tf.tidy(() => constraint.apply(kernel.read()));
              kernel.write(capped);
              capped.dispose();
            },
          }
        : undefined,
    });
    const w = kernel.read().dataSync()[0]!;
    tf.dispose([x, y]);
    model.dispose();
    return w;
  };
  expect(await train(false)).toBeGreaterThan(9); // the constraint (max norm 2) was never applied
  expect(await train(true)).toBeLessThanOrEqual(2 + 1e-5);
});
