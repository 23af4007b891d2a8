// Checkers for the exercises of the chapter "dropout": inverted dropout, and per-channel
// ("spatial") dropout on images. Each returns { ok, messages } for "@lbr/check".
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, sameShape, tidyCall, valueAt, type CheckResult, type Collector } from "./checking";

/** A learner's inverted dropout: in training, drop each element with probability `rate`; otherwise the identity. */
export type LearnerDropout = (x: tf.Tensor, rate: number, training: boolean) => tf.Tensor;
/** A learner's spatial dropout on a [batch, height, width, channels] input. */
export type LearnerSpatialDropout = (x: tf.Tensor4D, rate: number, training: boolean) => tf.Tensor;

/** Drop rates tried. Not 0.5: there "divide by rate" and "divide by 1 − rate" coincide. */
const RATES = [0.3, 0.6];
/**
 * Relative tolerance for "equals x / (1 − rate)". WebGL may store tensors in float16 (10-bit
 * mantissa, rounding error up to 2^-11 ≈ 4.9e-4 per step); a few steps stay well below 2e-3,
 * while the wrong scales a learner can pick (1, 1 − rate, 1 / rate) are off by 30% or more.
 */
const REL_TOL = 2e-3;
/**
 * Two neighbouring mask entries of an independent mask agree with probability
 * rate² + (1 − rate)² ≤ 0.58 for our rates; a mask shared along an axis agrees 100% of the time.
 * With ≥ 700 neighbour pairs the measured share is within ±0.1 of 0.58 with probability > 1 − 1e-9.
 */
const SHARED_AGREEMENT = 0.9;

/** Random values with no zeros: magnitudes in [0.5, 2], both signs, so 0 always means "dropped". */
function dropoutTestInput(shape: number[]): tf.Tensor {
  return tf.tidy(() => {
    const magnitude = tf.randomUniform(shape, 0.5, 2);
    const sign = tf.randomUniform(shape).less(0.5).cast("float32").mul(2).sub(1);
    return magnitude.mul(sign);
  });
}

/**
 * Calls the learner's function inside tf.tidy, so masks and random draws it makes are freed;
 * only the returned tensor survives (the caller releases it). A throw propagates to the caller.
 */
function callDropout<X extends tf.Tensor>(
  fn: (x: X, rate: number, training: boolean) => tf.Tensor,
  x: X,
  rate: number,
  training: boolean,
): tf.Tensor | string {
  const result: unknown = tidyCall<unknown>(
    () => fn(x, rate, training),
    (out) => (out instanceof tf.Tensor ? [out] : []),
  );
  if (!(result instanceof tf.Tensor))
    return `with training = ${training} it must return a tensor, got ${result === null ? "null" : typeof result}`;
  return result;
}

const closeTo = (v: number, expected: number) => Math.abs(v - expected) <= REL_TOL * Math.abs(expected);

type Scan = { dropped: Uint8Array; zeros: number; wrong: number; firstWrong: number; unchanged: boolean };

/** Classifies every output value as dropped (0), kept (x / (1 − rate)) or wrong. */
function scanDropout(values: ArrayLike<number>, input: ArrayLike<number>, rate: number): Scan {
  const scale = 1 / (1 - rate);
  const dropped = new Uint8Array(values.length);
  let zeros = 0;
  let wrong = 0;
  let firstWrong = -1;
  let unchanged = true;
  for (let i = 0; i < values.length; i++) {
    const v = valueAt(values, i);
    const xi = valueAt(input, i);
    if (!closeTo(v, xi)) unchanged = false;
    if (v === 0) {
      dropped[i] = 1;
      zeros += 1;
    } else if (!closeTo(v, xi * scale)) {
      wrong += 1;
      if (firstWrong < 0) firstWrong = i;
    }
  }
  return { dropped, zeros, wrong, firstWrong, unchanged };
}

/** Share of neighbours along `axis` (coordinate k and k + 1) whose drop decisions agree. */
function agreementAlong(dropped: Uint8Array, shape: readonly number[], axis: number): number {
  const size = valueAt(shape, axis);
  const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  let same = 0;
  let pairs = 0;
  for (let i = 0; i < dropped.length; i++) {
    const k = Math.floor(i / stride) % size;
    if (k === size - 1) continue;
    pairs += 1;
    if (dropped[i] === dropped[i + stride]) same += 1;
  }
  return pairs === 0 ? 0 : same / pairs;
}

/** Reports values that are neither 0 nor x / (1 − rate), or that all are right. */
function checkKeptValues(r: Collector, scan: Scan, values: ArrayLike<number>, input: ArrayLike<number>, rate: number): void {
  if (scan.wrong > 0) {
    const i = scan.firstWrong;
    r.fail(
      `rate ${rate}: ${scan.wrong} kept values are not x / (1 − rate); e.g. x = ${valueAt(input, i).toFixed(4)} gave ${valueAt(values, i).toFixed(4)}, expected 0 or ${(valueAt(input, i) / (1 - rate)).toFixed(4)} (multiply x by the mask, then divide by 1 − rate)`,
    );
  } else {
    r.pass(`rate ${rate}: every value is 0 or x / (1 − rate)`);
  }
}

/** Share of dropped decisions must be near the rate (the DROP probability). */
function checkDropShare(r: Collector, share: number, rate: number, tolerance: number, unit: string): void {
  if (Math.abs(share - rate) > tolerance) {
    r.fail(
      `rate ${rate}: ${(share * 100).toFixed(1)}% of ${unit} are dropped, expected about ${rate * 100}%: rate is the DROP probability, keep with probability 1 − rate`,
    );
  } else {
    r.pass(`rate ${rate}: about ${(share * 100).toFixed(1)}% of ${unit} dropped`);
  }
}

/** Judges one rate's training output after the checks both exercises share. */
type JudgeRate = (r: Collector, rate: number, out: { shape: number[]; values: ArrayLike<number>; scan: Scan }) => void;

/**
 * What both dropout checkers do: for each rate, one training call that must return a tensor of the
 * input's shape with something dropped (`how`: what to drop) and kept values x / (1 − rate), then
 * `judge`; then a fresh mask per call and the identity at inference. Frees x.
 */
async function checkEveryRate<X extends tf.Tensor>(
  fn: (x: X, rate: number, training: boolean) => tf.Tensor,
  x: X,
  how: string,
  judge: JudgeRate,
): Promise<CheckResult> {
  const r = collector();
  const input = await x.data();
  try {
    for (const rate of RATES) {
      const y = callDropout(fn, x, rate, true);
      if (typeof y === "string") return r.stop(y);
      const shape = y.shape;
      const values = await y.data();
      disposeReturned([y], [x]);
      if (!sameShape(shape, x.shape)) {
        r.fail(`rate ${rate}: the output must have the input's shape [${x.shape.join(", ")}], got [${shape.join(", ")}]`);
        continue;
      }
      const scan = scanDropout(values, input, rate);
      if (scan.zeros === 0 && scan.unchanged) {
        r.fail(
          `rate ${rate}: nothing was dropped: the output equals the input. In training, ${how} with probability rate and divide the rest by 1 − rate`,
        );
        continue;
      }
      checkKeptValues(r, scan, values, input, rate);
      if (scan.zeros === 0) {
        r.fail(`rate ${rate}: nothing was dropped (no value is 0): ${how} with probability rate`);
        continue;
      }
      judge(r, rate, { shape, values, scan });
    }
    await checkFreshAndInference(r, fn, x, input);
  } catch (e) {
    r.fail(`your function threw: ${(e as Error).message}`);
  } finally {
    x.dispose();
  }
  return r.result();
}

/** Two training calls must draw different masks; training = false must return x unchanged. */
async function checkFreshAndInference<X extends tf.Tensor>(
  r: Collector,
  fn: (x: X, rate: number, training: boolean) => tf.Tensor,
  x: X,
  input: ArrayLike<number>,
): Promise<void> {
  const first = callDropout(fn, x, 0.5, true);
  const second = callDropout(fn, x, 0.5, true);
  if (typeof first === "string" || typeof second === "string") {
    disposeReturned([first, second], [x]); // one call may still have returned a tensor
    r.fail(typeof first === "string" ? first : (second as string));
  } else {
    const [same, unchanged] = tf.tidy(() => [
      sameShape(first.shape, second.shape) && tf.equal(first, second).all().dataSync()[0] === 1,
      sameShape(first.shape, x.shape) && tf.equal(first, x).all().dataSync()[0] === 1,
    ]);
    disposeReturned([first, second], [x]);
    // Output = input: "nothing was dropped" is already reported; no mask to compare.
    if (same && !unchanged) r.fail("two calls in training mode gave the same mask: draw a new random mask on every call");
    else if (!same) r.pass("every call draws a fresh mask");
  }

  const evalOut = callDropout(fn, x, 0.5, false);
  if (typeof evalOut === "string") {
    r.fail(evalOut);
    return;
  }
  const shapeOk = sameShape(evalOut.shape, x.shape);
  const values = shapeOk ? await evalOut.data() : null;
  disposeReturned([evalOut], [x]);
  let identity = values !== null;
  if (values) for (let i = 0; i < values.length && identity; i++) identity = closeTo(valueAt(values, i), valueAt(input, i));
  if (!identity) r.fail("with training = false the function must return the input unchanged (no dropping, no scaling at inference)");
  else r.pass("with training = false the input passes through unchanged");
}

/** Inverted dropout on a rank-3 input, so a flattened or reshaped output cannot pass for the right one. */
const INVERTED_SHAPE = [8, 50, 100];

/**
 * Checks a learner's inverted dropout `(x, rate, training) => tensor` on random [8, 50, 100]
 * inputs: values, drop share, an independent draw per element (not shared over the batch, rows
 * or columns), a fresh mask per call, and the identity at inference.
 */
export async function checkInvertedDropout(fn: LearnerDropout): Promise<CheckResult> {
  return checkEveryRate(fn, dropoutTestInput(INVERTED_SHAPE), "zero each element", (r, rate, { shape, values, scan }) => {
    // 40,000 draws: the share of zeros is within ±0.02 of the rate (> 8 standard deviations).
    checkDropShare(r, scan.zeros / values.length, rate, 0.02, "units");
    // Each example, row and column needs its own draws; a mask of shape [1, 50, 100] (or
    // [8, 50, 1], …) broadcast over an axis repeats along it.
    const [batchAgreement, rowAgreement, columnAgreement] = [0, 1, 2].map((axis) => agreementAlong(scan.dropped, shape, axis));
    if ((batchAgreement ?? 0) >= SHARED_AGREEMENT) {
      r.fail(
        `rate ${rate}: one mask is shared by every example in the batch: each example needs its own draws, so make the mask with the full shape, tf.randomUniform(x.shape)`,
      );
    } else if ((rowAgreement ?? 0) >= SHARED_AGREEMENT || (columnAgreement ?? 0) >= SHARED_AGREEMENT) {
      r.fail(`rate ${rate}: whole rows or columns are dropped together; draw the mask with the full shape, tf.randomUniform(x.shape)`);
    } else {
      r.pass(`rate ${rate}: every element gets its own draw (none shared across the batch, rows or columns)`);
    }
  });
}

/** [batch, height, width, channels]: 32 × 48 = 1,536 keep/drop decisions per call. */
const SPATIAL_SHAPE: [number, number, number, number] = [32, 5, 7, 48];

/**
 * Checks a learner's spatial (per-channel) dropout `(x, rate, training) => tensor` on random
 * [32, 5, 7, 48] inputs: one decision per example and channel shared by all pixels of that
 * channel, independent across examples and channels, survivors scaled by 1 / (1 − rate), a fresh
 * mask per call, the identity at inference.
 */
export async function checkSpatialDropout(fn: LearnerSpatialDropout): Promise<CheckResult> {
  const [batch, height, width, channels] = SPATIAL_SHAPE;
  return checkEveryRate(fn, dropoutTestInput(SPATIAL_SHAPE) as tf.Tensor4D, "drop each channel of each example", (r, rate, { scan }) => {
    // One decision per (example, channel): all height × width pixels of that map must agree.
    const pixels = height * width;
    const decisions = new Uint8Array(batch * channels);
    let mixed = 0;
    for (let b = 0; b < batch; b++) {
      for (let c = 0; c < channels; c++) {
        let count = 0;
        for (let p = 0; p < pixels; p++) count += valueAt(scan.dropped, (b * pixels + p) * channels + c);
        if (count !== 0 && count !== pixels) mixed += 1;
        decisions[b * channels + c] = count === pixels ? 1 : 0;
      }
    }
    if (mixed > 0) {
      r.fail(
        `rate ${rate}: ${mixed} of ${batch * channels} channel maps are only partly dropped: draw ONE value per example and channel, a mask of shape [batch, 1, 1, channels], and let it broadcast over height and width`,
      );
      return;
    }
    r.pass(`rate ${rate}: every channel map is kept or dropped as a whole`);
    // 1,536 decisions: the dropped share is within ±0.1 of the rate (> 8 standard deviations).
    checkDropShare(r, decisions.reduce((a, b) => a + b, 0) / decisions.length, rate, 0.1, "channel maps");
    const overBatch = agreementAlong(decisions, [batch, channels], 0);
    const overChannels = agreementAlong(decisions, [batch, channels], 1);
    if (overBatch >= SHARED_AGREEMENT) {
      r.fail(
        `rate ${rate}: every example drops the same channels (one mask shared by the batch): use a mask of shape [batch, 1, 1, channels], not [1, 1, 1, channels]`,
      );
    } else if (overChannels >= SHARED_AGREEMENT) {
      r.fail(
        `rate ${rate}: all channels of an example are dropped together: draw one value per example AND channel, shape [batch, 1, 1, channels], not [batch, 1, 1, 1]`,
      );
    } else {
      r.pass(`rate ${rate}: each example and channel gets its own draw`);
    }
  });
}
