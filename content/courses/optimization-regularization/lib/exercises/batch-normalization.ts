// Checkers for the exercises of the chapter "batch-normalization": the training-mode forward pass,
// and a layer with moving statistics (updated as tfjs 4.22's BatchNormalization layer does) used
// at inference. References are computed here in plain JavaScript (float64) from the same inputs.
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, mulberry32, sameShape, tidyCall, valueAt, type CheckResult, type Collector } from "./checking";

/** The learner's training-mode batch norm: x [batch, features], γ and β [features]. */
export type BatchNormForwardFn = (x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number) => tf.Tensor;

/** The learnable and the moving parameters of one batch-norm layer, each [features]. */
export type BatchNormLayerParams = { gamma: tf.Tensor1D; beta: tf.Tensor1D; movingMean: tf.Tensor1D; movingVariance: tf.Tensor1D };
/** What the learner's layer returns: the output and the moving statistics after the call. */
export type BatchNormLayerOutput = { y: tf.Tensor; movingMean: tf.Tensor; movingVariance: tf.Tensor };
export type BatchNormLayerFn = (
  x: tf.Tensor2D,
  params: BatchNormLayerParams,
  training: boolean,
  momentum: number,
  epsilon: number,
) => BatchNormLayerOutput;

/**
 * Relative tolerance, with absolute tolerance for values below 1 in size: WebGL may compute in
 * float16 (about 3 significant digits). Every planted mistake differs from the reference by 3% or
 * more somewhere on the test data, so the tolerance cannot hide one.
 */
const TOL = 2e-3;

/** Row-major values of a [rows, cols] matrix. */
type Matrix = { rows: number; cols: number; data: number[] };

/** A deterministic source of normal draws (mulberry32 + Box–Muller), so the test data never varies. */
function normals(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A [rows, cols] batch whose column j has mean means[j] and standard deviation stds[j] (roughly). */
function makeBatch(rows: number, means: number[], stds: number[], seed: number): Matrix {
  const draw = normals(seed);
  const cols = means.length;
  const data: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data.push(valueAt(means, j) + valueAt(stds, j) * draw());
  return { rows, cols, data };
}

/** Mean and variance over the given groups of entries; `unbiased` divides by n − 1 instead of n. */
function stats(values: number[], unbiased = false): { mean: number; variance: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, variance: ss / (unbiased && n > 1 ? n - 1 : n) };
}

const column = (x: Matrix, j: number) => Array.from({ length: x.rows }, (_, i) => valueAt(x.data, i * x.cols + j));
const row = (x: Matrix, i: number) => x.data.slice(i * x.cols, (i + 1) * x.cols);

/** Per-feature (axis 0) mean and variance of x. */
function featureStats(x: Matrix, unbiased = false): { mean: number[]; variance: number[] } {
  const s = Array.from({ length: x.cols }, (_, j) => stats(column(x, j), unbiased));
  return { mean: s.map((v) => v.mean), variance: s.map((v) => v.variance) };
}

type Denominator = (variance: number, epsilon: number) => number;
const RIGHT_DENOMINATOR: Denominator = (v, e) => Math.sqrt(v + e);

/** y[i][j] = scale[j] · (x[i][j] − mean(i, j)) / den(variance(i, j), ε) + shift[j]. */
function normalise(
  x: Matrix,
  mean: (i: number, j: number) => number,
  variance: (i: number, j: number) => number,
  scale: number[],
  shift: number[],
  epsilon: number,
  den: Denominator = RIGHT_DENOMINATOR,
): number[] {
  return x.data.map((v, k) => {
    const i = Math.floor(k / x.cols);
    const j = k % x.cols;
    return (valueAt(scale, j) * (v - mean(i, j))) / den(variance(i, j), epsilon) + valueAt(shift, j);
  });
}

/** Largest error in units of the tolerance: ≤ 1 means "equal". */
function distance(got: ArrayLike<number>, want: number[]): number {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  for (let k = 0; k < want.length; k++) {
    const w = valueAt(want, k);
    const d = Math.abs(valueAt(got, k) - w) / (TOL * Math.max(1, Math.abs(w)));
    worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
  }
  return worst;
}
const matches = (got: ArrayLike<number>, want: number[]) => distance(got, want) <= 1;

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

// ─── Exercise 1: the training-mode forward pass ────────────────────────────────────────────────

type ForwardCase = { x: Matrix; gamma: number[]; beta: number[]; epsilon: number };

/**
 * Two cases. The first has 8 examples (so dividing by m − 1 changes σ by 7%) and a large ε = 0.1
 * next to variances from 0.09 to 2.25, so ε left out, or added outside the square root, moves the
 * output by 5% or more. The second has a usual ε and more features.
 */
const FORWARD_CASES: ForwardCase[] = [
  {
    x: makeBatch(8, [2, -1, 0.5, -3], [0.5, 1.5, 0.3, 1], 11),
    gamma: [1.5, 0.7, 2, 1.2],
    beta: [0.3, -0.8, 1.1, -0.4],
    epsilon: 0.1,
  },
  {
    x: makeBatch(16, [0.5, 3, -2, 1, -0.5, 0], [1, 2, 0.5, 0.8, 1.2, 0.6], 23),
    gamma: [0.6, 1.8, 1.1, 2.5, 0.9, 1.4],
    beta: [-1.2, 0.4, 0.9, -0.3, 2, 0.7],
    epsilon: 1e-3,
  },
];

/** The right answer and the learner mistakes the checker can name, in the order they are tried. */
function forwardCandidates(c: ForwardCase): { name: string; values: number[]; mistake?: string }[] {
  const { x, gamma, beta, epsilon } = c;
  const f = featureStats(x);
  const fu = featureStats(x, true);
  const byFeature = (a: number[]) => (_i: number, j: number) => valueAt(a, j);
  const rowStats = Array.from({ length: x.rows }, (_, i) => stats(row(x, i)));
  const all = stats(x.data);
  const ones = gamma.map(() => 1);
  const zeros = beta.map(() => 0);
  const m = byFeature(f.mean);
  const v = byFeature(f.variance);
  return [
    { name: "right", values: normalise(x, m, v, gamma, beta, epsilon) },
    {
      name: "unchanged",
      values: x.data.slice(),
      mistake: "the output is the input unchanged: subtract each feature's batch mean, divide by √(σ² + ε), then scale by γ and add β",
    },
    {
      name: "per example",
      values: normalise(
        x,
        (i) => valueAt(rowStats, i).mean,
        (i) => valueAt(rowStats, i).variance,
        gamma,
        beta,
        epsilon,
      ),
      mistake:
        "you normalised each example over its features (axis 1); batch norm takes each feature's mean and variance over the batch, axis 0",
    },
    {
      name: "whole tensor",
      values: normalise(
        x,
        () => all.mean,
        () => all.variance,
        gamma,
        beta,
        epsilon,
      ),
      mistake: "you used one mean and variance for the whole batch; batch norm keeps one pair per feature: reduce over axis 0 only",
    },
    {
      name: "unbiased",
      values: normalise(x, byFeature(fu.mean), byFeature(fu.variance), gamma, beta, epsilon),
      mistake:
        "your variance divides by m − 1; batch norm normalises with the biased batch variance, the plain mean of (x − μ)², as tf.moments gives it",
    },
    {
      name: "epsilon outside",
      values: normalise(x, m, v, gamma, beta, epsilon, (s, e) => Math.sqrt(s) + e),
      mistake: "ε is added after the square root; it belongs under it: divide by √(σ² + ε)",
    },
    {
      name: "no epsilon",
      values: normalise(x, m, v, gamma, beta, epsilon, (s) => Math.sqrt(s)),
      mistake: "ε is missing: divide by √(σ² + ε), not by σ (one test case uses a large ε, so it shows)",
    },
    {
      name: "no sqrt",
      values: normalise(x, m, v, gamma, beta, epsilon, (s, e) => s + e),
      mistake: "you divided by σ² + ε; divide by its square root, √(σ² + ε)",
    },
    {
      name: "no gamma or beta",
      values: normalise(x, m, v, ones, zeros, epsilon),
      mistake: "γ and β are missing: the output is x̂; return γ·x̂ + β",
    },
    {
      name: "no gamma",
      values: normalise(x, m, v, ones, beta, epsilon),
      mistake: "γ is missing: scale the normalised values, y = γ·x̂ + β",
    },
    {
      name: "no beta",
      values: normalise(x, m, v, gamma, zeros, epsilon),
      mistake: "β is missing: shift the scaled values, y = γ·x̂ + β",
    },
    {
      name: "swapped",
      values: normalise(x, m, v, beta, gamma, epsilon),
      mistake: "γ and β are swapped: γ multiplies x̂ and β is added, y = γ·x̂ + β",
    },
  ];
}

/**
 * Checks a training-mode batch norm on two [batch, features] inputs against a float64 reference,
 * and names the mistake when the output matches a known wrong formula.
 */
export async function checkBatchNormForward(fn: BatchNormForwardFn): Promise<CheckResult> {
  const r = collector();
  let meansRight = 0; // cases in which every feature's output mean is β
  for (const c of FORWARD_CASES) {
    const label = `[${c.x.rows}×${c.x.cols}], ε = ${c.epsilon}`;
    const x = tf.tensor2d(c.x.data, [c.x.rows, c.x.cols]);
    const gamma = tf.tensor1d(c.gamma);
    const beta = tf.tensor1d(c.beta);
    const inputs = [x, gamma, beta];
    let out: unknown;
    try {
      out = tidyCall(
        () => fn(x, gamma, beta, c.epsilon),
        (o) => (o instanceof tf.Tensor ? [o] : []),
      );
      if (!(out instanceof tf.Tensor)) {
        r.fail(`your function must return a tensor, got ${out === null ? "null" : typeof out}`);
        continue;
      }
      if (!sameShape(out.shape, x.shape)) {
        r.fail(`${label}: the output must have the input's shape [${x.shape.join(", ")}], got [${out.shape.join(", ")}]`);
        continue;
      }
      const got = await out.data();
      // A property that holds for most near-misses too: each feature's output mean is β.
      const outMeans = featureStats({ rows: c.x.rows, cols: c.x.cols, data: Array.from(got) }).mean;
      if (matches(outMeans, c.beta)) meansRight += 1;
      const candidates = forwardCandidates(c);
      const found = candidates.find((k) => matches(got, k.values));
      if (found?.name === "right") {
        r.pass(`${label}: matches γ·(x − μ_B)/√(σ²_B + ε) + β`);
      } else if (found?.mistake) {
        r.fail(`${label}: ${found.mistake}`);
      } else {
        const want = valueAt(candidates, 0).values;
        let k = 0;
        for (let i = 0; i < want.length; i++)
          if (Math.abs(valueAt(got, i) - valueAt(want, i)) > Math.abs(valueAt(got, k) - valueAt(want, k))) k = i;
        const at = `[${Math.floor(k / c.x.cols)}][${k % c.x.cols}]`;
        r.fail(
          `${label}: y${at} = ${fmt(valueAt(got, k))}, expected ${fmt(valueAt(want, k))}; per feature: x̂ = (x − μ_B)/√(σ²_B + ε), then y = γ·x̂ + β`,
        );
      }
    } catch (e) {
      r.fail(`your function threw: ${(e as Error).message}`);
      break;
    } finally {
      disposeReturned([out], inputs);
      tf.dispose(inputs);
    }
  }
  if (meansRight === FORWARD_CASES.length) r.pass("each feature's output has mean β: the batch mean was removed per feature");
  return r.result();
}

// ─── Exercise 2: moving statistics, training mode and inference mode ───────────────────────────

type LayerCase = {
  x: Matrix;
  gamma: number[];
  beta: number[];
  movingMean: number[];
  movingVariance: number[];
  training: boolean;
  momentum: number;
  epsilon: number;
  label: string;
};

const LAYER_PARAMS = {
  gamma: [1.4, 0.6, 2.2],
  beta: [0.5, -1.1, 0.8],
  movingMean: [0.5, -1, 2],
  movingVariance: [0.5, 2, 4],
};

/**
 * Two training steps (momentum 0.9 and 0.75, so a hard-coded 0.99 or PyTorch's reversed momentum
 * shows) and two inference calls: a batch whose statistics are far from the moving ones, and a
 * single example. The batches' statistics differ from the moving ones by far more than the
 * tolerance, so the wrong set of statistics always shows.
 */
const LAYER_CASES: LayerCase[] = [
  {
    ...LAYER_PARAMS,
    x: makeBatch(16, [3, 1, -2], [1.5, 0.5, 1], 31),
    training: true,
    momentum: 0.9,
    epsilon: 1e-3,
    label: "training, momentum 0.9",
  },
  {
    ...LAYER_PARAMS,
    x: makeBatch(8, [-2, 2.5, 0], [2, 1, 0.4], 37),
    training: true,
    momentum: 0.75,
    epsilon: 1e-3,
    label: "training, momentum 0.75",
  },
  {
    ...LAYER_PARAMS,
    x: makeBatch(10, [2, 1.5, -1], [1.2, 0.4, 0.8], 41),
    training: false,
    momentum: 0.9,
    epsilon: 1e-3,
    label: "inference, 10 examples",
  },
  {
    ...LAYER_PARAMS,
    x: makeBatch(1, [1.5, 0.5, 3], [1, 1, 1], 43),
    training: false,
    momentum: 0.9,
    epsilon: 1e-3,
    label: "inference, 1 example",
  },
];

/** Checks what one call returned against the references for its mode; reports through r. */
function judgeLayerCall(c: LayerCase, got: { y: ArrayLike<number>; mean: ArrayLike<number>; variance: ArrayLike<number> }, r: Collector) {
  const f = featureStats(c.x);
  const fu = featureStats(c.x, true);
  const byFeature = (a: number[]) => (_i: number, j: number) => valueAt(a, j);
  const blend = (old: number[], batch: number[], w: number) => old.map((o, j) => w * o + (1 - w) * valueAt(batch, j));
  const newMean = blend(c.movingMean, f.mean, c.momentum);
  const newVariance = blend(c.movingVariance, f.variance, c.momentum);
  const withBatch = normalise(c.x, byFeature(f.mean), byFeature(f.variance), c.gamma, c.beta, c.epsilon);
  const withMoving = normalise(c.x, byFeature(c.movingMean), byFeature(c.movingVariance), c.gamma, c.beta, c.epsilon);
  const withNewMoving = normalise(c.x, byFeature(newMean), byFeature(newVariance), c.gamma, c.beta, c.epsilon);
  const L = c.label;

  if (c.training) {
    if (matches(got.y, withBatch)) r.pass(`${L}: the output is normalised with this batch's mean and variance`);
    else if (matches(got.y, withMoving) || matches(got.y, withNewMoving))
      r.fail(
        `${L}: the output used the moving statistics; in training mode normalise with this batch's mean and variance (tf.moments(x, 0))`,
      );
    else if (matches(got.y, c.x.data)) r.fail(`${L}: the output is x unchanged; normalise it with this batch's mean and variance`);
    else r.fail(`${L}: the output does not match batch norm with this batch's mean and variance`);

    const movingChecks: [string, ArrayLike<number>, number[], number[], number[]][] = [
      ["mean", got.mean, c.movingMean, f.mean, fu.mean],
      ["variance", got.variance, c.movingVariance, f.variance, fu.variance],
    ];
    for (const [stat, value, old, batch, unbiased] of movingChecks) {
      const want = blend(old, batch, c.momentum);
      if (matches(value, want)) {
        r.pass(`${L}: moving ${stat} = momentum·moving + (1 − momentum)·batch ${stat}`);
      } else if (matches(value, old)) {
        r.fail(`${L}: the moving ${stat} was not updated; in training mode set it to momentum·moving + (1 − momentum)·batch ${stat}`);
      } else if (matches(value, batch)) {
        r.fail(`${L}: the moving ${stat} was replaced by the batch ${stat}; blend them: momentum·moving + (1 − momentum)·batch`);
      } else if (matches(value, blend(old, batch, 1 - c.momentum))) {
        r.fail(
          `${L}: momentum weighs the old moving ${stat} in tfjs (PyTorch's convention is the reverse): momentum·moving + (1 − momentum)·batch`,
        );
      } else if (matches(value, blend(old, batch, 0.99))) {
        r.fail(`${L}: the moving ${stat} was updated with momentum 0.99; use the momentum argument`);
      } else if (stat === "variance" && matches(value, blend(old, unbiased, c.momentum))) {
        r.fail(
          `${L}: the moving variance was fed the unbiased (m − 1) variance; tfjs updates it with the biased batch variance it normalised with`,
        );
      } else {
        r.fail(`${L}: moving ${stat} [${Array.from(value, fmt).join(", ")}], expected [${want.map(fmt).join(", ")}]`);
      }
    }
  } else {
    if (matches(got.y, withMoving)) {
      r.pass(`${L}: the output is normalised with the moving mean and variance`);
    } else if (matches(got.y, withBatch) || matches(got.y, withNewMoving)) {
      r.fail(
        c.x.rows === 1
          ? `${L}: the example came out as β, its batch statistics; at inference use the moving mean and variance, so one example needs no batch`
          : `${L}: the output used the batch's own statistics; at inference normalise with the moving mean and variance`,
      );
    } else if (matches(got.y, c.x.data)) {
      r.fail(`${L}: the output is x unchanged; at inference normalise x with the moving mean and variance`);
    } else {
      r.fail(`${L}: the output does not match batch norm with the moving mean and variance`);
    }
    if (matches(got.mean, c.movingMean) && matches(got.variance, c.movingVariance)) {
      r.pass(`${L}: the moving statistics are left unchanged`);
    } else {
      r.fail(`${L}: inference changed the moving statistics; only training mode updates them: return them as they came in`);
    }
  }
}

/**
 * Runs the learner's layer in training mode (two momenta) and in inference mode (a batch and a
 * single example), each from the same non-trivial moving statistics, and checks the output and
 * the moving statistics it returns in each mode.
 */
export async function checkBatchNormLayer(fn: BatchNormLayerFn): Promise<CheckResult> {
  const r = collector();
  for (const c of LAYER_CASES) {
    const x = tf.tensor2d(c.x.data, [c.x.rows, c.x.cols]);
    const params: BatchNormLayerParams = {
      gamma: tf.tensor1d(c.gamma),
      beta: tf.tensor1d(c.beta),
      movingMean: tf.tensor1d(c.movingMean),
      movingVariance: tf.tensor1d(c.movingVariance),
    };
    const inputs = [x, params.gamma, params.beta, params.movingMean, params.movingVariance];
    let returned: unknown[] = [];
    try {
      const out: unknown = tidyCall(
        () => fn(x, params, c.training, c.momentum, c.epsilon),
        (o) => {
          const fields = o !== null && typeof o === "object" ? o : {};
          returned = ["y", "movingMean", "movingVariance"].map((k) => (fields as Record<string, unknown>)[k]);
          return returned.filter((t): t is tf.Tensor => t instanceof tf.Tensor);
        },
      );
      const [y, mean, variance] = returned;
      if (!(y instanceof tf.Tensor && mean instanceof tf.Tensor && variance instanceof tf.Tensor)) {
        r.fail(`return an object { y, movingMean, movingVariance } of tensors, got ${out === null ? "null" : typeof out}`);
        break;
      }
      if (!sameShape(y.shape, x.shape)) {
        r.fail(`${c.label}: y must have the input's shape [${x.shape.join(", ")}], got [${y.shape.join(", ")}]`);
        continue;
      }
      const bad = [mean, variance].find((t) => !sameShape(t.shape, [c.x.cols]));
      if (bad) {
        r.fail(
          `${c.label}: the moving statistics must have shape [${c.x.cols}], got [${bad.shape.join(", ")}] (tf.moments(x, 0) without keepDims)`,
        );
        continue;
      }
      judgeLayerCall(c, { y: await y.data(), mean: await mean.data(), variance: await variance.data() }, r);
    } catch (e) {
      r.fail(`your function threw: ${(e as Error).message}`);
      break;
    } finally {
      disposeReturned(returned, inputs);
      tf.dispose(inputs);
    }
  }
  return r.result();
}
