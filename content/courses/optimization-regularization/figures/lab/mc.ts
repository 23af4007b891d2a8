// Monte Carlo dropout on a 1-D regression: train a small network with dropout, then keep dropout
// on and run T stochastic passes over a line of inputs. The spread of those passes is the
// model's uncertainty: small near the training data, large in the gap and beyond its ends.
import * as tf from "@tensorflow/tfjs";
import { gaussian, mulberry32 } from "@/lib/random";
import type { McConfig } from "./mc-schema";
export { spreads } from "./mc-spread";

/** Training inputs: two clusters with a gap between them; nothing beyond ±3. */
const CLUSTERS: [number, number][] = [
  [-3, -0.8],
  [1.2, 3],
];
export const MC_DOMAIN: [number, number] = [-5, 5];
const GRID_POINTS = 161;
const LEARNING_RATE = 0.01;

export function truth(x: number): number {
  return Math.sin(1.4 * x) + 0.3 * x;
}

export function mcData(seed: number, n = 60, noise = 0.12) {
  const uniform = mulberry32(seed * 13 + 5);
  const normal = gaussian(uniform);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const [a, b] = CLUSTERS[i % CLUSTERS.length]!;
    const x = a + (b - a) * uniform();
    xs.push(x);
    ys.push(truth(x) + noise * normal());
  }
  return { xs, ys };
}

export type McResult = {
  grid: number[];
  mean: number[];
  std: number[];
  data: { xs: number[]; ys: number[] };
  finalLoss: number;
};

/** Trains with dropout (rate) after each of two hidden layers, then samples T passes. */
export async function runMcDropout(
  config: McConfig,
  events: { onProgress?: (epoch: number, loss: number) => void | Promise<void> } = {},
): Promise<McResult> {
  const { seed, rate, samples, epochs, hidden } = config;
  const data = mcData(seed);
  const weights = tf.tidy(() => {
    const layer = (fanIn: number, fanOut: number, s: number) => {
      const limit = Math.sqrt(6 / fanIn);
      return [tf.variable(tf.randomUniform([fanIn, fanOut], -limit, limit, "float32", s)), tf.variable(tf.zeros([fanOut]))];
    };
    return [...layer(1, hidden, seed * 3 + 1), ...layer(hidden, hidden, seed * 3 + 2), ...layer(hidden, 1, seed * 3 + 3)];
  });
  const [w1, b1, w2, b2, w3, b3] = weights as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  let calls = 0;
  /** Shape: x [n, 1] → [n]. Dropout is ON in every call: in training, and for the MC passes. */
  const forward = (x: tf.Tensor2D) => {
    calls += 1;
    const drop = (h: tf.Tensor, k: number) => tf.dropout(h, rate, undefined, seed * 1_000_003 + calls * 2 + k);
    const h1 = drop(tf.relu(tf.add(tf.matMul(x, w1), b1)), 0) as tf.Tensor2D;
    const h2 = drop(tf.relu(tf.add(tf.matMul(h1, w2), b2)), 1) as tf.Tensor2D;
    return tf.add(tf.matMul(h2, w3), b3).reshape([-1]);
  };
  const optimizer = tf.train.adam(LEARNING_RATE);
  const x = tf.tensor2d(data.xs, [data.xs.length, 1]);
  const y = tf.tensor1d(data.ys);
  // A little weight decay, as the Bayesian reading of MC dropout assumes.
  const decay = 1e-4;
  let finalLoss = NaN;
  try {
    for (let epoch = 1; epoch <= epochs; epoch += 1) {
      const cost = optimizer.minimize(() => {
        const mse = tf.losses.meanSquaredError(y, forward(x));
        const l2 = tf.addN([w1, w2, w3].map((w) => tf.sum(tf.square(w))));
        return tf.add(mse, tf.mul(decay, l2)) as tf.Scalar;
      }, true);
      if (epoch % 50 === 0 || epoch === epochs) {
        finalLoss = cost!.dataSync()[0]!;
        await events.onProgress?.(epoch, finalLoss);
      }
      cost?.dispose();
    }
    const grid = Array.from({ length: GRID_POINTS }, (_, i) => MC_DOMAIN[0] + ((MC_DOMAIN[1] - MC_DOMAIN[0]) * i) / (GRID_POINTS - 1));
    const [mean, std] = tf.tidy(() => {
      const input = tf.tensor2d(grid, [grid.length, 1]);
      // T stochastic passes, stacked: Shape [T, gridPoints].
      const passes = tf.stack(Array.from({ length: samples }, () => forward(input)));
      const { mean, variance } = tf.moments(passes, 0);
      return [Array.from(mean.dataSync()), Array.from(tf.sqrt(variance).dataSync())];
    });
    return { grid, mean: mean!, std: std!, data, finalLoss };
  } finally {
    tf.dispose([...weights, x, y]);
    optimizer.dispose();
  }
}
