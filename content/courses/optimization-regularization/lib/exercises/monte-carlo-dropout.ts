// Checkers for the exercises of the chapter "monte-carlo-dropout": the MC-dropout prediction
// (mean and spread of T stochastic passes) and the predictive entropy / mutual information of a
// classifier's passes. Each returns { ok, messages } for "@lbr/check".
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, mulberry32, sameShape, shapeText, tidyCall, type CheckResult } from "./checking";

/** A learner's MC-dropout prediction: T passes with dropout on → mean and standard deviation. */
export type McDropoutPredict = (model: tf.LayersModel, x: tf.Tensor, T: number) => { mean: tf.Tensor; std: tf.Tensor };
/** A learner's uncertainty of T softmax passes [T, batch, classes] → two [batch] tensors. */
export type McDropoutUncertainty = (probs: tf.Tensor3D) => { entropy: tf.Tensor; mutualInformation: tf.Tensor };

/** Float tolerance: WebGL may compute in float16 (relative rounding ≈ 5e-4 per step). */
const MC_REL_TOL = 2e-3;

/** Element-wise closeness with an absolute floor `scale` · tolerance (for values near 0). */
function allClose(a: ArrayLike<number>, b: ArrayLike<number>, scale: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const u = a[i] ?? NaN;
    const v = b[i] ?? NaN;
    if (!(Math.abs(u - v) <= MC_REL_TOL * (Math.abs(v) + scale))) return false;
  }
  return true;
}

/** Index of the largest difference, to quote a telling example in a message. */
function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let best = 0;
  let gap = -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    if (d > gap) [best, gap] = [i, d];
  }
  return best;
}

/** "example b, output o" for a flat index into [batch, outputs]. */
const where = (i: number, outputs: number) => `example ${Math.floor(i / outputs)}, output ${i % outputs}`;

const hasNaN = (a: ArrayLike<number>) => Array.prototype.some.call(a, (v: number) => !Number.isFinite(v));

/**
 * Calls the learner's function inside tf.tidy (what it makes on the way is freed), then reads and
 * frees the two named tensors of the object it returns: their shapes and values, or what is wrong
 * with what it returned.
 */
async function readPair<K extends string>(
  run: () => unknown,
  keys: [K, K],
): Promise<Record<K, { shape: number[]; values: tf.TypedArray }> | string> {
  const result = tidyCall(run, (out) =>
    typeof out !== "object" || out === null ? [] : Object.values(out).filter((v): v is tf.Tensor => v instanceof tf.Tensor),
  );
  const object = (typeof result === "object" && result !== null ? result : {}) as Record<string, unknown>;
  const missing = keys.filter((k) => !(object[k] instanceof tf.Tensor));
  if (missing.length > 0) {
    disposeReturned(Object.values(object), []);
    return `return an object { ${keys.join(", ")} } of two tensors; ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing or not a tensor`;
  }
  const pair = object as Record<K, tf.Tensor>;
  try {
    const read = async (k: K) => [k, { shape: pair[k].shape, values: await pair[k].data() }] as const;
    return Object.fromEntries(await Promise.all(keys.map(read))) as Record<K, { shape: number[]; values: tf.TypedArray }>;
  } finally {
    tf.dispose(keys.map((k) => pair[k]));
  }
}

// ---------------------------------------------------------------------------------------------
// Exercise 1: the MC-dropout prediction.

type PassRecorder = { recording: boolean; outputs: Float32Array[]; dropoutOn: number; dropoutOff: number };

/**
 * A small regression network with two dropout layers: Dense(5 → 32, relu) → Dropout(0.3) →
 * Dense(32, relu) → Dropout(0.3) → Dense(3). It records, while `recording` is on, every output
 * of its last layer and the `training` flag of every dropout call — whichever way the learner
 * runs it (model.apply, model.predict or layer by layer all end in each layer's `call`). So the
 * checker knows the exact passes the learner drew and can recompute their mean and spread.
 */
function recordingMcModel(): { model: tf.Sequential; recorder: PassRecorder } {
  const recorder: PassRecorder = { recording: false, outputs: [], dropoutOn: 0, dropoutOff: 0 };
  const init = (seed: number, stddev: number) => tf.initializers.randomNormal({ mean: 0, stddev, seed });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [5], units: 32, activation: "relu", kernelInitializer: init(1, 0.6), biasInitializer: "ones" }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 32, activation: "relu", kernelInitializer: init(2, 0.4), biasInitializer: "ones" }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 3, kernelInitializer: init(3, 0.5) }),
    ],
  });
  type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];
  const layers = model.layers as unknown as { call: Call; getClassName(): string }[];
  layers.forEach((layer, i) => {
    const original = layer.call.bind(layer);
    if (layer.getClassName() === "Dropout") {
      layer.call = (inputs, kwargs) => {
        if (recorder.recording) {
          if (kwargs?.training === true) recorder.dropoutOn += 1;
          else recorder.dropoutOff += 1;
        }
        return original(inputs, kwargs);
      };
    } else if (i === layers.length - 1) {
      layer.call = (inputs, kwargs) => {
        const out = original(inputs, kwargs);
        const tensor = Array.isArray(out) ? out[0] : out;
        if (recorder.recording && tensor) recorder.outputs.push(Float32Array.from(tensor.dataSync()));
        return out;
      };
    }
  });
  return { model, recorder };
}

/** Mean and standard deviation (1/T, and 1/(T − 1)) over T passes of [rows × outputs] values. */
function passStats(outputs: Float32Array[], T: number, size: number) {
  const all = new Float64Array(T * size);
  let offset = 0;
  for (const o of outputs) {
    all.set(o, offset);
    offset += o.length;
  }
  const mean = new Float64Array(size);
  const std = new Float64Array(size);
  const sampleStd = new Float64Array(size);
  const variance = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let s = 0;
    for (let t = 0; t < T; t++) s += all[t * size + i] ?? 0;
    const m = s / T;
    let q = 0;
    for (let t = 0; t < T; t++) q += ((all[t * size + i] ?? 0) - m) ** 2;
    mean[i] = m;
    variance[i] = q / T;
    std[i] = Math.sqrt(q / T);
    sampleStd[i] = Math.sqrt(q / (T - 1));
  }
  return { mean, std, sampleStd, variance };
}

/** Test cases: [batch, T]. Different T catch a hard-coded pass count; batch ≠ T ≠ outputs keeps axes apart. */
const MC_CASES: [number, number][] = [
  [6, 25],
  [4, 40],
];

/**
 * Checks `mcDropoutPredict(model, x, T)`: it must run the model T times with dropout on
 * (training: true) and return the mean and the standard deviation over the passes, each of shape
 * [batch, outputs]. The reference is computed from the very passes the learner's code drew.
 */
export async function checkMcDropoutPrediction(fn: McDropoutPredict): Promise<CheckResult> {
  const r = collector();
  const { model, recorder } = recordingMcModel();
  const outputs = 3;
  try {
    for (const [caseIndex, [batch, T]] of MC_CASES.entries()) {
      const x = tf.randomNormal([batch, 5], 0, 2, "float32", 10 + caseIndex);
      recorder.outputs = [];
      recorder.dropoutOn = 0;
      recorder.dropoutOff = 0;
      recorder.recording = true;
      let returned: Awaited<ReturnType<typeof readPair<"mean" | "std">>>;
      try {
        returned = await readPair(() => fn(model, x, T), ["mean", "std"]);
      } finally {
        recorder.recording = false;
        x.dispose();
      }
      if (typeof returned === "string") return r.stop(returned);
      const [{ shape: meanShape, values: meanValues }, { shape: stdShape, values: stdValues }] = [returned.mean, returned.std];
      const label = `T = ${T}, batch of ${batch}`;

      // How many passes were run, and with dropout on?
      const rows = recorder.outputs.reduce((n, o) => n + o.length, 0) / outputs;
      if (rows === 0) {
        r.fail(`${label}: the model was never run: call model.apply(x, { training: true }) T times`);
        continue;
      }
      if (recorder.dropoutOn === 0) {
        r.fail(
          `${label}: dropout was off in every pass (training: false, or model.predict), so all passes are identical and the spread is 0: call model.apply(x, { training: true })`,
        );
      } else {
        r.pass(`${label}: the passes run with dropout on`);
      }
      if (rows !== T * batch) {
        const passes = rows / batch;
        r.fail(
          passes === 1
            ? `${label}: only one forward pass was run: Monte Carlo dropout runs the model T = ${T} times and combines all the passes`
            : `${label}: ${Number.isInteger(passes) ? passes : rows + " rows of"} forward passes, expected T = ${T}: run the model exactly T times`,
        );
        continue;
      }
      r.pass(`${label}: ${T} forward passes`);

      const expectedShape = [batch, outputs];
      const ref = passStats(recorder.outputs, T, batch * outputs);
      // Absolute floor for values near 0: the outputs' typical size.
      const scale = 1 + ref.mean.reduce((a, v) => a + Math.abs(v), 0) / ref.mean.length;
      // The mean: shape first (the wrong axis shows there), then values.
      if (!sameShape(meanShape, expectedShape)) {
        r.fail(
          sameShape(meanShape, [T, outputs])
            ? `${label}: mean has shape ${shapeText(meanShape)}: you averaged over the batch, not over the passes; stack the passes (tf.stack) and average over axis 0`
            : `${label}: mean must have shape ${shapeText(expectedShape)} (one prediction per example), got ${shapeText(meanShape)}: stack the passes with tf.stack and average over axis 0`,
        );
      } else if (!allClose(meanValues, ref.mean, scale)) {
        const i = worst(meanValues, ref.mean);
        r.fail(
          `${label}: mean is not the average of the T passes: e.g. ${where(i, outputs)} gives ${meanValues[i]?.toFixed(4)}, expected ${ref.mean[i]?.toFixed(4)}`,
        );
      } else {
        r.pass(`${label}: mean is the average of the passes`);
      }
      // The spread: standard deviation over the passes (1/T as in the lesson; 1/(T − 1) is fine too).
      if (!sameShape(stdShape, expectedShape)) {
        r.fail(
          sameShape(stdShape, [T, outputs])
            ? `${label}: std has shape ${shapeText(stdShape)}: you took the spread over the batch, not over the passes; use axis 0 of the stacked passes`
            : `${label}: std must have shape ${shapeText(expectedShape)}, got ${shapeText(stdShape)}: take the spread over axis 0 of the stacked passes`,
        );
      } else if (allClose(stdValues, ref.std, scale) || allClose(stdValues, ref.sampleStd, scale)) {
        r.pass(`${label}: std is the standard deviation over the passes`);
      } else if (recorder.dropoutOn === 0) {
        // Already reported: with dropout off there is no spread to measure.
      } else if (allClose(stdValues, ref.variance, scale * scale)) {
        r.fail(`${label}: std holds the variance, not the standard deviation: take its square root (tf.sqrt)`);
      } else {
        const i = worst(stdValues, ref.std);
        r.fail(
          `${label}: std is not the standard deviation over the passes: e.g. ${where(i, outputs)} gives ${stdValues[i]?.toFixed(4)}, expected ${ref.std[i]?.toFixed(4)}`,
        );
      }
    }
  } catch (e) {
    r.fail(`your function threw: ${(e as Error).message}`);
  } finally {
    recorder.recording = false;
    model.dispose();
  }
  return r.result();
}

// ---------------------------------------------------------------------------------------------
// Exercise 2: predictive entropy and mutual information of T softmax passes.

/**
 * Softmax passes [T, batch, classes] with different kinds of uncertainty per example: passes that
 * agree and are confident, agree and are unsure (aleatoric), and disagree (epistemic). With
 * `oneHot`, some examples' passes are exact one-hot vectors, so 0 · log 0 must count as 0.
 */
function uncertaintyCase(T: number, batch: number, classes: number, seed: number, oneHot: boolean): Float64Array {
  const random = mulberry32(seed); // the same test cases on every run
  const probs = new Float64Array(T * batch * classes);
  for (let b = 0; b < batch; b++) {
    const kind = b % 3; // 0: confident, agreeing; 1: unsure, agreeing; 2: disagreeing passes
    const shared = Array.from({ length: classes }, () => random() * 2 - 1);
    for (let t = 0; t < T; t++) {
      const offset = (t * batch + b) * classes;
      if (oneHot && kind !== 1) {
        // kind 0: every pass says class 0; kind 2: each pass names a random class.
        const winner = kind === 0 ? 0 : Math.floor(random() * classes);
        for (let c = 0; c < classes; c++) probs[offset + c] = c === winner ? 1 : 0;
        continue;
      }
      const logits = shared.map((s) => (kind === 0 ? 4 * s : kind === 1 ? 0.3 * s : 3 * (random() * 2 - 1)));
      const top = Math.max(...logits);
      const exps = logits.map((l) => Math.exp(l - top));
      const sum = exps.reduce((a, v) => a + v, 0);
      exps.forEach((e, c) => (probs[offset + c] = e / sum));
    }
  }
  return probs;
}

/** Reference in float64: entropy of the mean, mean of the entropies, and their difference. */
function uncertaintyReference(probs: Float64Array, T: number, batch: number, classes: number) {
  const plogp = (p: number) => (p > 0 ? p * Math.log(p) : 0);
  const entropy = new Float64Array(batch);
  const expected = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    let h = 0;
    for (let c = 0; c < classes; c++) {
      let m = 0;
      for (let t = 0; t < T; t++) m += probs[(t * batch + b) * classes + c] ?? 0;
      h -= plogp(m / T);
    }
    let e = 0;
    for (let t = 0; t < T; t++) for (let c = 0; c < classes; c++) e -= plogp(probs[(t * batch + b) * classes + c] ?? 0);
    entropy[b] = h;
    expected[b] = e / T;
  }
  const mutualInformation = entropy.map((h, b) => h - (expected[b] ?? 0));
  return { entropy, expected, mutualInformation };
}

/** [T, batch, classes] and whether some passes are exact one-hot vectors. */
const UNCERTAINTY_CASES: { shape: [number, number, number]; oneHot: boolean; seed: number }[] = [
  { shape: [20, 6, 4], oneHot: false, seed: 5 },
  { shape: [8, 3, 5], oneHot: true, seed: 9 },
];

const scaled = (a: Float64Array, k: number) => a.map((v) => v * k);

/**
 * Checks `mcUncertainty(probs)` on softmax passes [T, batch, classes]: `entropy` must be the
 * entropy of the mean prediction, −Σ_c p̄_c log p̄_c (natural log), and `mutualInformation` that
 * entropy minus the average entropy of the single passes; both of shape [batch].
 */
export async function checkMcDropoutUncertainty(fn: McDropoutUncertainty): Promise<CheckResult> {
  const r = collector();
  try {
    for (const { shape, oneHot, seed } of UNCERTAINTY_CASES) {
      const [T, batch, classes] = shape;
      const data = uncertaintyCase(T, batch, classes, seed, oneHot);
      const ref = uncertaintyReference(data, T, batch, classes);
      const probs = tf.tensor3d(Float32Array.from(data), shape);
      let returned: Awaited<ReturnType<typeof readPair<"entropy" | "mutualInformation">>>;
      try {
        returned = await readPair(() => fn(probs), ["entropy", "mutualInformation"]);
      } finally {
        probs.dispose();
      }
      if (typeof returned === "string") return r.stop(returned);
      const [{ shape: hShape, values: h }, { shape: miShape, values: mi }] = [returned.entropy, returned.mutualInformation];
      const label = `${shapeText(shape)}${oneHot ? " (some passes one-hot)" : ""}`;
      const axes = "average over axis 0 (the T passes), sum over the last axis (the classes)";

      if (!sameShape(hShape, [batch])) {
        r.fail(`${label}: entropy must have shape [${batch}] (one number per example), got ${shapeText(hShape)}: ${axes}`);
      } else if (hasNaN(h)) {
        r.fail(
          `${label}: entropy has NaN or infinite values: 0 · log 0 gives NaN in floating point; count it as 0, e.g. tf.where(p.greater(0), p.mul(p.log()), tf.zerosLike(p))`,
        );
      } else if (allClose(h, ref.entropy, 1)) {
        r.pass(`${label}: entropy is the entropy of the mean prediction`);
      } else if (allClose(h, scaled(ref.entropy, -1), 1)) {
        r.fail(`${label}: entropy has the wrong sign: H = −Σ p log p is never negative`);
      } else if (allClose(h, ref.expected, 1)) {
        r.fail(
          `${label}: entropy is the average of the passes' entropies (the expected entropy): average the probabilities over the passes first, then take the entropy of that mean`,
        );
      } else if (allClose(h, scaled(ref.entropy, 1 / Math.LN2), 1)) {
        r.fail(`${label}: entropy is in bits (log base 2): use the natural log, tf.log, as in the lesson`);
      } else {
        const i = worst(h, ref.entropy);
        r.fail(
          `${label}: entropy is not −Σ p̄ log p̄ of the mean prediction p̄: e.g. example ${i} gives ${h[i]?.toFixed(4)}, expected ${ref.entropy[i]?.toFixed(4)}`,
        );
      }

      if (!sameShape(miShape, [batch])) {
        r.fail(`${label}: mutualInformation must have shape [${batch}], got ${shapeText(miShape)}: ${axes}`);
      } else if (hasNaN(mi)) {
        r.fail(`${label}: mutualInformation has NaN or infinite values: count 0 · log 0 as 0 in the passes' entropies too`);
      } else if (allClose(mi, ref.mutualInformation, 1)) {
        r.pass(`${label}: mutualInformation is the entropy of the mean minus the mean of the entropies`);
      } else if (allClose(mi, scaled(ref.mutualInformation, -1), 1)) {
        r.fail(`${label}: mutualInformation has the wrong sign: it is H[mean] − mean of the passes' entropies, never negative`);
      } else if (allClose(mi, ref.expected, 1)) {
        r.fail(`${label}: mutualInformation is the expected entropy alone: subtract it from the entropy of the mean prediction`);
      } else if (allClose(mi, scaled(ref.mutualInformation, 1 / Math.LN2), 1)) {
        r.fail(`${label}: mutualInformation is in bits (log base 2): use the natural log, tf.log`);
      } else {
        const i = worst(mi, ref.mutualInformation);
        r.fail(
          `${label}: mutualInformation is not H[mean] − mean of the passes' entropies: e.g. example ${i} gives ${mi[i]?.toFixed(4)}, expected ${ref.mutualInformation[i]?.toFixed(4)}`,
        );
      }
    }
  } catch (e) {
    r.fail(`your function threw: ${(e as Error).message}`);
  }
  return r.result();
}
