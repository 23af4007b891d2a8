// Claims of the chapter "Early Stopping and Data Augmentation" about its custom training loops,
// on cpu and wasm: a step written as optimizer.minimize(() => loss(model.apply(x))) trains a model
// with a dropout layer exactly as if the layer were not there; only model.apply(x, { training: true })
// (what fit() does) lets dropout act during training.
import * as tf from "@tensorflow/tfjs";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";
import { network } from "./support";

/**
 * Trains `model`, starting from `start` (the weights of a plain network), for 20 Adam steps on 12
 * points of y = sin(2x) as the cell's loop does, with or without { training: true }; its final weights.
 */
function trainedWeights(model: tf.Sequential, start: tf.Tensor[], training: boolean): number[] {
  model.setWeights(start); // dropout layers have no weights: the same list fits both networks
  const tensorsBefore = tf.memory().numTensors;
  const x = tf.randomUniform([12, 1], -2, 2, "float32", 3);
  const y = tf.tidy(() => tf.sin(x.mul(2)));
  const optimizer = tf.train.adam(0.02);
  for (let step = 0; step < 20; step++) {
    optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, training ? { training: true } : {}) as tf.Tensor) as tf.Scalar);
  }
  const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  tf.dispose([x, y]);
  optimizer.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  return weights;
}

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);
  afterEach(() => tf.disposeVariables());

  it("without { training: true } a dropout layer changes nothing in a custom loop; with it, the weights train differently", () => {
    const plain = network(false);
    const withDropout = network(true);
    const start = plain.getWeights().map((w) => w.clone());
    const reference = trainedWeights(plain, start, false);
    // The flag alone changes nothing for the plain network (the cells' own models)…
    expect(trainedWeights(plain, start, true)).toEqual(reference);
    // …and without it the dropout network trains byte-identically to the plain one: dropout is ignored.
    expect(trainedWeights(withDropout, start, false)).toEqual(reference);
    // With it, dropout acts: most weights end up elsewhere.
    const dropped = trainedWeights(withDropout, start, true);
    expect(dropped.filter((v, i) => v !== reference[i]).length).toBeGreaterThan(reference.length / 2);
    tf.dispose(start);
    plain.dispose();
    withDropout.dispose();
  });
});
