// Checkers for the exercises of the chapter "gradient-descent": one SGD step on a weight tensor,
// and one epoch of shuffled mini-batches.
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, kindOf, sameShape, signedUniform, tidyCall, valueAt, type CheckResult } from "./checking";

export type LearnerSgdStep = (w: tf.Tensor, grad: tf.Tensor, lr: number) => tf.Tensor;
export type LearnerMiniBatches = (x: tf.Tensor2D, y: tf.Tensor1D, batchSize: number) => [tf.Tensor, tf.Tensor][];

/** Relative tolerance: WebGL may compute in float16 (11 significant bits, about 5e-4) on some phones. */
const REL_TOL = 1e-3;

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));

/** Index of the first element where actual and expected differ by more than REL_TOL × scale (or -1). */
function firstMismatch(actual: ArrayLike<number>, expected: (i: number) => number, scale: (i: number) => number): number {
  for (let i = 0; i < actual.length; i++) {
    const a = valueAt(actual, i);
    if (!(Math.abs(a - expected(i)) <= REL_TOL * scale(i) + 1e-6)) return i; // NaN counts as a mismatch
  }
  return -1;
}

/**
 * Calls the learner's function inside tf.tidy, so the tensors it makes on the way are freed here;
 * only the tensors `pick` finds in what it returned survive, for the caller to read and dispose.
 */
function callKeeping(run: () => unknown, pick: (out: unknown) => tf.Tensor[] | string): tf.Tensor[] | string {
  return tidyCall(
    () => pick(run()),
    (picked) => (typeof picked === "string" ? [] : picked),
  );
}

const SGD_CASES: { shape: number[]; lr: number }[] = [
  { shape: [3, 4], lr: 0.1 },
  { shape: [7], lr: 0.02 },
];

/** Wrong updates learners write, each with the message that names it; tried in this order. */
const SGD_MISTAKES: { name: string; update: (w: number, g: number, lr: number) => number }[] = [
  { name: "the weights did not move: return w − lr × grad", update: (w) => w },
  { name: "the weights moved uphill: subtract lr × grad from w, don't add it", update: (w, g, lr) => w + lr * g },
  { name: "the step ignores the learning rate: multiply grad by lr before subtracting it", update: (w, g) => w - g },
  { name: "you divided the gradient by the learning rate: the step is lr × grad (multiply)", update: (w, g, lr) => w - g / lr },
  { name: "you returned the step alone: the new weights are w − lr × grad, not lr × grad", update: (_w, g, lr) => -lr * g },
  { name: "you returned the step alone: the new weights are w − lr × grad, not lr × grad", update: (_w, g, lr) => lr * g },
];

/** Checks sgdStep(w, grad, lr) = w − lr · grad on random weights and gradients, two shapes, two learning rates. */
export async function checkSgdStep(fn: LearnerSgdStep): Promise<CheckResult> {
  const report = collector();
  for (const { shape, lr } of SGD_CASES) {
    const size = shape.reduce((a, b) => a * b, 1);
    // Magnitudes in [0.5, 2]: every mistake above moves each weight by at least 0.5·lr·|grad| ≫ the tolerance.
    const wValues = signedUniform(size, 0.5, 2);
    const gValues = signedUniform(size, 0.5, 2);
    const w = tf.tensor(wValues, shape);
    const grad = tf.tensor(gValues, shape);
    const label = `lr = ${lr}, shape [${shape.join(", ")}]`;
    try {
      const out = callKeeping(
        () => fn(w, grad, lr),
        (r) => (r instanceof tf.Tensor ? [r] : `sgdStep must return a tensor (the new weights), got ${kindOf(r)}`),
      );
      if (typeof out === "string") {
        report.fail(out);
        break;
      }
      const [result] = out as [tf.Tensor];
      const resultShape = result.shape;
      const values = await result.data();
      disposeReturned(out, [w, grad]);
      if (!sameShape(resultShape, shape)) {
        report.fail(`${label}: the result has shape [${resultShape.join(", ")}], expected w's shape [${shape.join(", ")}]`);
        continue;
      }
      const w0 = (i: number) => valueAt(wValues, i);
      const g0 = (i: number) => valueAt(gValues, i);
      const scale = (i: number) => Math.abs(w0(i)) + Math.abs(lr * g0(i));
      const wrong = firstMismatch(values, (i) => w0(i) - lr * g0(i), scale);
      if (wrong < 0) {
        report.pass(`${label}: every weight is w − lr × grad`);
        continue;
      }
      const mistake = SGD_MISTAKES.find((m) => firstMismatch(values, (i) => m.update(w0(i), g0(i), lr), scale) < 0);
      if (mistake) report.fail(`${label}: ${mistake.name}`);
      else
        report.fail(
          `${label}: w = ${fmt(w0(wrong))} with grad = ${fmt(g0(wrong))} became ${fmt(valueAt(values, wrong))}, expected ${fmt(w0(wrong) - lr * g0(wrong))} (w − lr × grad)`,
        );
    } catch (e) {
      report.fail(`your function threw: ${(e as Error).message}`);
      break;
    } finally {
      tf.dispose([w, grad]);
    }
  }
  return report.result();
}

const EXAMPLES = 50;
const FEATURES = 3;
/**
 * Example i has inputs x[i, j] = 10·i + j and label y[i] = 1000 + i: small integers, exact even in
 * float16, so every row of a batch says which example it is and whether it is whole and labelled right.
 */
const exampleOf = (x0: number) => Math.round(x0 / 10);
const labelOf = (id: number) => 1000 + id;

/** Batch sizes one epoch should have: full batches, then one smaller batch with the rest. */
function expectedSizes(n: number, batchSize: number): number[] {
  const sizes = Array.from({ length: Math.floor(n / batchSize) }, () => batchSize);
  if (n % batchSize > 0) sizes.push(n % batchSize);
  return sizes;
}

type Epoch = { sizes: number[]; order: number[]; batches: number[][]; brokenRow: boolean; wrongLabel: boolean };

/** Calls miniBatches once and reads the examples in each batch, or returns what is wrong with the result's form. */
async function readEpoch(fn: LearnerMiniBatches, x: tf.Tensor2D, y: tf.Tensor1D, batchSize: number): Promise<Epoch | string> {
  const out = callKeeping(
    () => fn(x, y, batchSize),
    (r) => {
      const form = "miniBatches must return an array of [xBatch, yBatch] pairs of tensors";
      if (!Array.isArray(r)) return `${form}, got ${kindOf(r)}`;
      const tensors: tf.Tensor[] = [];
      for (const pair of r) {
        if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((t) => t instanceof tf.Tensor)) return form;
        tensors.push(...(pair as tf.Tensor[]));
      }
      return tensors;
    },
  );
  if (typeof out === "string") return out;
  const epoch: Epoch = { sizes: [], order: [], batches: [], brokenRow: false, wrongLabel: false };
  try {
    for (let b = 0; b < out.length; b += 2) {
      const [xb, yb] = [out[b] as tf.Tensor, out[b + 1] as tf.Tensor];
      const k = xb.shape[0] ?? 0;
      if (xb.rank !== 2 || xb.shape[1] !== FEATURES)
        return `a batch of x has shape [${xb.shape.join(", ")}]: each batch of x must hold whole rows, shape [batch size, ${FEATURES}] (gather on axis 0)`;
      if (!sameShape(yb.shape, [k])) return `a batch of x has ${k} rows but its y has shape [${yb.shape.join(", ")}]; expected [${k}]`;
      const [xs, ys] = [await xb.data(), await yb.data()];
      const ids: number[] = [];
      for (let r = 0; r < k; r++) {
        const id = exampleOf(valueAt(xs, r * FEATURES));
        for (let j = 0; j < FEATURES; j++) if (Math.abs(valueAt(xs, r * FEATURES + j) - (10 * id + j)) > 0.01) epoch.brokenRow = true;
        if (Math.abs(valueAt(ys, r) - labelOf(id)) > 0.01) epoch.wrongLabel = true;
        ids.push(id);
      }
      epoch.sizes.push(k);
      epoch.batches.push(ids);
      epoch.order.push(...ids);
    }
  } finally {
    disposeReturned(out, [x, y]);
  }
  return epoch;
}

/**
 * Checks miniBatches(x, y, batchSize): one epoch of [xBatch, yBatch] pairs that covers every example
 * exactly once, in a fresh random order each call, keeps each label with its inputs and keeps the
 * last, smaller batch. Two batch sizes (one that divides the 50 examples and one that doesn't), two
 * epochs each.
 */
export async function checkMiniBatches(fn: LearnerMiniBatches): Promise<CheckResult> {
  const report = collector();
  const [x, y] = tf.tidy(() => {
    const id = tf.range(0, EXAMPLES).reshape([EXAMPLES, 1]);
    return [id.mul(10).add(tf.range(0, FEATURES).reshape([1, FEATURES])), id.reshape([EXAMPLES]).add(1000)];
  }) as [tf.Tensor2D, tf.Tensor1D];
  const failures = { sizes: false, coverage: false, order: false, fresh: false, rows: false, labels: false };
  let seen = 0; // examples returned in all calls: no ✓ for order or labels on empty results
  try {
    for (const batchSize of [16, 10]) {
      const want = expectedSizes(EXAMPLES, batchSize);
      const epochs: Epoch[] = [];
      for (let call = 0; call < 2; call++) {
        const epoch = await readEpoch(fn, x, y, batchSize);
        if (typeof epoch === "string") return report.stop(epoch);
        epochs.push(epoch);
        seen += epoch.order.length;
        const label = `batchSize ${batchSize}`;
        if (!sameShape(epoch.sizes, want)) {
          failures.sizes = true;
          const got = epoch.sizes;
          if (sameShape(got, want.slice(0, -1)) && EXAMPLES % batchSize > 0)
            report.fail(
              `${label}: the last, smaller batch of ${EXAMPLES % batchSize} examples is missing; keep it, or those examples are never trained on`,
            );
          else if (sameShape(got, [...want, 0]))
            report.fail(`${label}: the last batch is empty; stop when the start index reaches n (start < n, not start ≤ n)`);
          else report.fail(`${label}: expected batch sizes ${want.join(", ")}, got ${got.length ? got.join(", ") : "no batches"}`);
        }
        if (epoch.brokenRow) {
          failures.rows = true;
          report.fail("the rows of an x batch are not whole examples: pick rows of x with tf.gather(x, indices) (axis 0)");
        }
        if (epoch.wrongLabel) {
          failures.labels = true;
          report.fail("labels no longer match their inputs: gather x and y with the same shuffled indices, don't shuffle them separately");
        }
        const counts = new Map<number, number>();
        for (const id of epoch.order) counts.set(id, (counts.get(id) ?? 0) + 1);
        const twice = [...counts.values()].filter((c) => c > 1).length;
        const missing = EXAMPLES - counts.size;
        if (twice > 0) {
          failures.coverage = true;
          report.fail(
            `${label}: ${twice} examples appear more than once and ${missing} not at all in one epoch; shuffle a permutation of 0…n−1 (tf.util.createShuffledIndices) instead of drawing random indices`,
          );
        } else if (missing > 0) failures.coverage = true;
        // A uniformly shuffled epoch of 50 is in the original order with probability 1/50! (< 1e-64),
        // and falls into the same consecutive blocks with probability below 1e-20.
        if (epoch.order.length > 1 && epoch.order.every((id, i) => id === i)) {
          failures.order = true;
          report.fail("the examples come in their original order: shuffle the indices at the start of each epoch");
        } else if (
          epoch.order.length > 1 &&
          epoch.batches.every((ids, b) => [...ids].sort((p, q) => p - q).every((id, r) => id === b * batchSize + r))
        ) {
          failures.order = true;
          report.fail(
            "each batch holds the same consecutive examples, only reordered inside it: shuffle the whole data set first, then cut it into batches",
          );
        }
      }
      // Two independent shuffles of 50 examples agree with probability 1/50!.
      const [first, second] = epochs as [Epoch, Epoch];
      if (!failures.order && first.order.length > 1 && sameShape(first.order, second.order)) {
        failures.fresh = true;
        report.fail(
          "two calls (two epochs) gave exactly the same order: draw a new shuffle inside the function on every call, not once outside it",
        );
      }
    }
  } catch (e) {
    report.fail(`your function threw: ${(e as Error).message}`);
    return report.result();
  } finally {
    tf.dispose([x, y]);
  }
  if (!failures.sizes) report.pass("batch sizes are right: full batches, then one smaller batch with the rest");
  if (!failures.coverage && !failures.sizes) report.pass("every example appears exactly once per epoch");
  if (seen === 0) return report.result();
  if (!failures.rows && !failures.labels) report.pass("every x row is a whole example and keeps its own label");
  if (!failures.order) report.pass("the examples are shuffled across batches");
  if (!failures.order && !failures.fresh) report.pass("each epoch has a new order");
  return report.result();
}
