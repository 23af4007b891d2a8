// Dropout written from scratch with a Bernoulli mask: what tf.layers.dropout does inside.
import * as tf from "@tensorflow/tfjs";
import { assertDropoutRate } from "./rate";

export type DropoutOptions = { training?: boolean; seed?: number };

/**
 * Inverted dropout: in training, each element is zeroed with probability `rate` and survivors
 * are scaled by 1 / (1 − rate), so the expected value is unchanged. Not training: the identity.
 */
export function dropout<T extends tf.Tensor>(x: T, rate: number, { training = true, seed }: DropoutOptions = {}): T {
  assertDropoutRate(rate);
  if (!training || rate === 0) return x.clone();
  return tf.tidy(() => {
    const keep = 1 - rate;
    // d_i ~ Bernoulli(keep): 1 where a uniform draw falls below the keep probability.
    const mask = tf.less(tf.randomUniform(x.shape, 0, 1, "float32", seed), keep).cast(x.dtype);
    return x.mul(mask).div(keep) as T;
  });
}

/** The Bernoulli keep-mask alone (1 = kept, 0 = dropped). Shape: same as `shape`. */
export function bernoulliMask(shape: number[], keepProbability: number, seed?: number): tf.Tensor {
  return tf.tidy(() => tf.less(tf.randomUniform(shape, 0, 1, "float32", seed), keepProbability).cast("float32"));
}
