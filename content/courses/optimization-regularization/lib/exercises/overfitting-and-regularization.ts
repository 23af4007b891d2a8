// Checkers for the exercises of the chapter "overfitting-and-regularization": a shuffled
// train/validation split that keeps features and labels paired, and reading the learning curves.
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, errorText, mulberry32, type CheckResult } from "./checking";

// ---------------------------------------------------------------------------------------------
// Exercise "train-val-split": splitData(x, y, valFraction) → { xTrain, yTrain, xVal, yVal }

type SplitFn = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => unknown;
const SPLIT_KEYS = ["xTrain", "yTrain", "xVal", "yVal"] as const;
type SplitKey = (typeof SPLIT_KEYS)[number];

/**
 * n rows, sorted by label as data sets often arrive. Every value is a multiple of 1/8 below 64
 * in size, exact in float32 and float16, so rows can be recognised exactly after a gather on
 * any backend. Column 0 holds distinct values (a shuffled 0..n−1, divided by 4): it names the row.
 * Labels are distinct too, so a label moved to another row's features is always visible.
 */
function splitData(n: number, d: number, seed: number) {
  const rand = mulberry32(seed);
  const ids = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ids[i], ids[j]] = [ids[j] ?? 0, ids[i] ?? 0];
  }
  const xRows = ids.map((id) => [id / 4, ...Array.from({ length: d - 1 }, () => Math.round((rand() * 2 - 1) * 32) / 8)]);
  const yRows = ids.map((_, i) => [(i - n / 2) / 8]); // ascending: the data is sorted by label
  return { xRows, yRows };
}

const rowKey = (row: ArrayLike<number>) => Array.from(row, (v) => Math.round(v * 8)).join(",");

/** Runs the learner's split inside tf.tidy; only the four returned tensors survive. */
function callSplit(fn: SplitFn, x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number): Record<SplitKey, tf.Tensor> | string {
  let problem = "";
  const parts = tf.tidy(() => {
    const out = fn(x, y, valFraction);
    if (out instanceof Promise) {
      problem = "your function returned a Promise: make it a plain (not async) function";
      return {};
    }
    if (out === null || typeof out !== "object") {
      problem = `return an object { xTrain, yTrain, xVal, yVal }, got ${out === null ? "null" : typeof out}`;
      return {};
    }
    const record = out as Record<string, unknown>;
    const kept: Partial<Record<SplitKey, tf.Tensor>> = {};
    const missing: string[] = [];
    for (const key of SPLIT_KEYS) {
      const t = record[key];
      if (t instanceof tf.Tensor) kept[key] = t;
      else missing.push(key);
    }
    if (missing.length > 0)
      problem = `the returned object needs tensors xTrain, yTrain, xVal, yVal; missing or not a tensor: ${missing.join(", ")}`;
    return kept;
  });
  if (problem) {
    disposeReturned(Object.values(parts), [x, y]);
    return problem;
  }
  return parts as Record<SplitKey, tf.Tensor>;
}

/**
 * Checks a train/validation split on two sorted data sets (50 rows, 20% validation; 120 rows,
 * 25%): right sizes, whole rows moved unchanged, no example in both sets or twice, every label
 * still with its features, and validation rows drawn from the whole data set (not its last rows).
 */
export async function checkTrainValSplit(fn: SplitFn): Promise<CheckResult> {
  const v = collector();
  const cases = [
    { n: 50, d: 3, valFraction: 0.2, seed: 11 },
    { n: 120, d: 2, valFraction: 0.25, seed: 12 },
  ];
  const found = { sizes: 0, rows: 0, disjoint: 0, paired: 0, shuffled: 0 };
  for (const { n, d, valFraction, seed } of cases) {
    const { xRows, yRows } = splitData(n, d, seed);
    const byKey = new Map(xRows.map((row, i) => [rowKey(row), i]));
    const nVal = Math.round(n * valFraction);
    const label = `${n} rows, valFraction ${valFraction}`;
    const x = tf.tensor2d(xRows);
    const y = tf.tensor2d(yRows);
    let parts: Record<SplitKey, tf.Tensor> | string;
    try {
      parts = callSplit(fn, x, y, valFraction);
    } catch (e) {
      tf.dispose([x, y]);
      v.fail(`your function threw: ${errorText(e)}`);
      return v.result();
    }
    if (typeof parts === "string") {
      tf.dispose([x, y]);
      v.fail(parts);
      return v.result();
    }
    const p = parts;
    const shapes = { xTrain: p.xTrain.shape, yTrain: p.yTrain.shape, xVal: p.xVal.shape, yVal: p.yVal.shape };
    const [xTrain, yTrain, xVal, yVal] = await Promise.all(SPLIT_KEYS.map((k) => p[k].data()));
    const values: Record<SplitKey, ArrayLike<number>> = { xTrain: xTrain ?? [], yTrain: yTrain ?? [], xVal: xVal ?? [], yVal: yVal ?? [] };
    disposeReturned(Object.values(p), [x, y]);
    tf.dispose([x, y]);

    // Shapes: [rows, columns] with the split's row counts and the inputs' columns.
    const want: Record<SplitKey, [number, number]> = {
      xTrain: [n - nVal, d],
      yTrain: [n - nVal, 1],
      xVal: [nVal, d],
      yVal: [nVal, 1],
    };
    const badShape = SPLIT_KEYS.find((k) => shapes[k].length !== 2 || shapes[k][0] !== want[k][0] || shapes[k][1] !== want[k][1]);
    if (badShape) {
      const got = shapes[badShape];
      if (shapes.xVal[0] === n - nVal && shapes.xTrain[0] === nVal)
        v.fail(
          `${label}: xVal has ${n - nVal} rows and xTrain ${nVal}, expected ${nVal} and ${n - nVal}: valFraction is the share that goes to VALIDATION, the rest trains`,
        );
      else if (got.length === 2 && got[0] === n && got[1] === want[badShape][1])
        v.fail(`${label}: ${badShape} has all ${n} rows, expected ${want[badShape][0]}: each example goes to exactly one of the two sets`);
      else
        v.fail(
          `${label}: ${badShape} has shape [${got.join(", ")}], expected [${want[badShape].join(", ")}] (${nVal} = ${valFraction} × ${n} validation rows; whole rows, all columns)`,
        );
      continue;
    }
    found.sizes += 1;

    // Which original row is each returned row? Rows must be moved whole and unchanged.
    const idsOf = (k: "xTrain" | "xVal") => {
      const flat = values[k];
      const rows = flat.length / d;
      return Array.from({ length: rows }, (_, r) => byKey.get(rowKey(Array.from({ length: d }, (_, c) => flat[r * d + c] ?? NaN))) ?? -1);
    };
    const trainIds = idsOf("xTrain");
    const valIds = idsOf("xVal");
    if ([...trainIds, ...valIds].includes(-1)) {
      v.fail(
        `${label}: some returned feature rows are not rows of x: move whole rows unchanged (gather along axis 0), don't mix values or columns`,
      );
      continue;
    }
    found.rows += 1;

    const trainSet = new Set(trainIds);
    const valSet = new Set(valIds);
    const overlap = valIds.filter((i) => trainSet.has(i)).length;
    if (overlap > 0) {
      v.fail(
        `${label}: ${overlap} validation examples are also in the training set: that leaks validation data into training; the two sets must not overlap`,
      );
    } else if (trainSet.size < trainIds.length || valSet.size < valIds.length) {
      v.fail(
        `${label}: some examples appear twice and others never: shuffle a permutation of the row indices (each index once), don't draw indices at random`,
      );
    } else {
      found.disjoint += 1;
    }

    // Every label must still belong to its features.
    const yOf = (k: "yTrain" | "yVal", r: number) => Math.round((values[k][r] ?? NaN) * 8);
    let unpaired = 0;
    trainIds.forEach((id, r) => {
      if (yOf("yTrain", r) !== Math.round((yRows[id]?.[0] ?? NaN) * 8)) unpaired += 1;
    });
    valIds.forEach((id, r) => {
      if (yOf("yVal", r) !== Math.round((yRows[id]?.[0] ?? NaN) * 8)) unpaired += 1;
    });
    if (unpaired > 0)
      v.fail(
        `${label}: ${unpaired} of ${n} labels no longer belong to their features: shuffle x and y with the SAME order (gather both with one index tensor)`,
      );
    else found.paired += 1;

    // A random validation set of nVal rows is the first or the last nVal rows with probability
    // 2 / C(n, nVal) < 1e-9 for both cases, so this flags "no shuffle", never bad luck.
    const sortedVal = [...valIds].sort((a, b) => a - b);
    const isFirst = sortedVal.every((id, i) => id === i);
    const isLast = sortedVal.every((id, i) => id === n - nVal + i);
    if (isFirst || isLast)
      v.fail(
        `${label}: the validation set is exactly the ${isLast ? "last" : "first"} ${nVal} rows: shuffle before splitting (this data is sorted by label, so those rows are not representative)`,
      );
    else found.shuffled += 1;
  }
  const all = cases.length;
  if (found.sizes === all) v.pass("train and validation sets have the right sizes");
  if (found.rows === all) v.pass("every returned row is a whole, unchanged row of x");
  if (found.disjoint === all) v.pass("no overlap: every example is in exactly one set");
  if (found.paired === all) v.pass("every label stays with its features");
  if (found.shuffled === all) v.pass("the validation examples are drawn from the whole data set");
  return v.result();
}

// ---------------------------------------------------------------------------------------------
// Exercise "best-epoch": bestEpoch(trainLoss, valLoss) → { epoch, gap }

type BestEpochFn = (trainLoss: number[], valLoss: number[]) => unknown;
type Curves = { name: string; train: number[]; val: number[] };

const argBy = (a: number[], better: (x: number, y: number) => boolean) =>
  a.reduce((best, x, i) => (better(x, a[best] ?? NaN) ? i : best), 0);
const argMin = (a: number[]) => argBy(a, (x, y) => x < y);
const argMax = (a: number[]) => argBy(a, (x, y) => x > y);
const lastArgMin = (a: number[]) => argBy(a, (x, y) => x <= y);
const at = (a: number[], i: number) => a[i] ?? NaN;

/** Learning curves in which each mistake below gives a visibly different answer. */
function curveCases(): Curves[] {
  const rand = mulberry32(5);
  const noisyTrain = Array.from({ length: 30 }, (_, k) => 0.05 + 1.1 * Math.exp(-k / 7) + 0.01 * rand());
  const noisyVal = Array.from({ length: 30 }, (_, k) => 0.3 + 0.9 * Math.exp(-k / 5) + 0.0015 * (k - 13) ** 2 + 0.01 * rand());
  return [
    {
      name: "a U-shaped validation curve",
      train: [1.0, 0.71, 0.52, 0.4, 0.31, 0.25, 0.2, 0.16, 0.13, 0.11, 0.09, 0.08],
      val: [1.2, 0.86, 0.66, 0.56, 0.53, 0.55, 0.58, 0.62, 0.67, 0.71, 0.76, 0.8],
    },
    {
      name: "a validation loss still falling at the end",
      train: [0.9, 0.8, 0.72, 0.66, 0.61, 0.57, 0.54, 0.52],
      val: [0.95, 0.86, 0.79, 0.74, 0.7, 0.67, 0.65, 0.64],
    },
    {
      // With dropout, the training loss is measured on a thinned network and can sit above the validation loss.
      name: "curves from training with dropout (training loss above validation loss)",
      train: [0.9, 0.74, 0.63, 0.56, 0.51, 0.47, 0.44, 0.42, 0.4],
      val: [0.7, 0.55, 0.47, 0.42, 0.39, 0.38, 0.37, 0.39, 0.41],
    },
    {
      name: "a tie: the lowest validation loss is reached twice",
      train: [0.8, 0.6, 0.45, 0.35, 0.3, 0.26, 0.22, 0.19, 0.15, 0.16],
      val: [0.9, 0.7, 0.55, 0.5, 0.52, 0.51, 0.53, 0.5, 0.58, 0.62],
    },
    {
      name: "a validation loss that only rises",
      train: [0.5, 0.42, 0.35, 0.3, 0.26, 0.23],
      val: [0.6, 0.62, 0.65, 0.69, 0.74, 0.8],
    },
    { name: "30 noisy epochs", train: noisyTrain, val: noisyVal },
  ];
}

/** Known wrong answers, tried in order: the first that explains every case is named. */
const EPOCH_MISTAKES: { name: string; epoch: (c: Curves) => number; message: string }[] = [
  {
    name: "zero-based",
    epoch: (c) => argMin(c.val),
    message: "your epochs are off by one: you returned the array index, but epochs count from 1 (index 0 is epoch 1)",
  },
  {
    name: "training",
    epoch: (c) => argMin(c.train) + 1,
    message: "you picked the epoch with the lowest TRAINING loss: the best epoch is where the VALIDATION loss is lowest",
  },
  { name: "max", epoch: (c) => argMax(c.val) + 1, message: "you picked the HIGHEST validation loss: look for the lowest" },
  { name: "last", epoch: (c) => c.val.length, message: "you returned the last epoch: return the epoch where validation loss is lowest" },
  {
    name: "smallest gap",
    epoch: (c) => argMin(c.val.map((v, i) => v - at(c.train, i))) + 1,
    message: "you picked the epoch with the smallest gap: the best epoch is where the validation loss itself is lowest",
  },
  {
    name: "latest tie",
    epoch: (c) => lastArgMin(c.val) + 1,
    message: "on a tie you returned the later epoch: when the lowest validation loss is reached twice, return the earlier (first) one",
  },
];

const GAP_MISTAKES: { name: string; gap: (c: Curves, i: number) => number; message: string }[] = [
  {
    name: "sign",
    gap: (c, i) => at(c.train, i) - at(c.val, i),
    message: "your gap has the wrong sign: gap = validation loss − training loss",
  },
  {
    name: "abs",
    gap: (c, i) => Math.abs(at(c.val, i) - at(c.train, i)),
    message:
      "your gap is never negative: return validation loss − training loss as it is (with dropout, training loss can be the higher one), no Math.abs",
  },
  {
    name: "at last epoch",
    gap: (c) => at(c.val, c.val.length - 1) - at(c.train, c.train.length - 1),
    message: "your gap is measured at the last epoch: measure it at the best epoch",
  },
  {
    name: "at train minimum",
    gap: (c) => at(c.val, argMin(c.train)) - at(c.train, argMin(c.train)),
    message: "your gap is measured where the training loss is lowest: measure it at the best epoch (lowest validation loss)",
  },
  {
    name: "just val",
    gap: (c, i) => at(c.val, i),
    message: "your gap is the validation loss itself: subtract the training loss of the same epoch",
  },
];

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/**
 * Checks bestEpoch on six pairs of curves: a U shape, a still-falling curve, dropout-style curves
 * (negative gap), a tie, a curve that only rises, and 30 noisy epochs. Plain numbers: exact
 * comparison up to 1e-9.
 */
export function checkBestEpoch(fn: BestEpochFn): CheckResult {
  const v = collector();
  const cases = curveCases();
  const answers: { epoch: number; gap: number }[] = [];
  for (const c of cases) {
    let out: unknown;
    try {
      // Copies: a function that sorts or edits its arrays must not change the reference.
      out = fn([...c.train], [...c.val]);
    } catch (e) {
      v.fail(`your function threw: ${errorText(e)}`);
      return v.result();
    }
    const record = out !== null && typeof out === "object" ? (out as Record<string, unknown>) : {};
    const { epoch, gap } = record;
    if (typeof epoch !== "number" || typeof gap !== "number") {
      v.fail(`return an object { epoch, gap } of two numbers; for ${c.name} you returned ${JSON.stringify(out) ?? String(out)}`);
      return v.result();
    }
    answers.push({ epoch, gap });
  }
  const best = cases.map((c) => argMin(c.val));
  const row = (i: number) => ({ c: cases[i] as Curves, a: answers[i] as { epoch: number; gap: number }, b: best[i] ?? 0 });

  // The epoch.
  const epochWrong = cases.findIndex((_, i) => row(i).a.epoch !== row(i).b + 1);
  if (epochWrong < 0) {
    v.pass("the epoch is the first one with the lowest validation loss, counted from 1, in all 6 curves");
  } else {
    const mistake = EPOCH_MISTAKES.find((m) => cases.every((c, i) => m.epoch(c) === row(i).a.epoch));
    const { c, a, b } = row(epochWrong);
    if (mistake) v.fail(mistake.message);
    else v.fail(`for ${c.name} the best epoch is ${b + 1} (validation loss ${at(c.val, b)}), you returned ${a.epoch}`);
  }

  // The gap at the best epoch.
  const gapWrong = cases.findIndex((_, i) => !sameNumber(row(i).a.gap, at(row(i).c.val, row(i).b) - at(row(i).c.train, row(i).b)));
  if (gapWrong < 0) {
    v.pass("the gap is validation loss − training loss at the best epoch, negative ones included");
  } else {
    const mistake = GAP_MISTAKES.find((m) => cases.every((c, i) => sameNumber(row(i).a.gap, m.gap(c, row(i).b))));
    const { c, a, b } = row(gapWrong);
    if (mistake) v.fail(mistake.message);
    else
      v.fail(
        `for ${c.name} the gap at the best epoch ${b + 1} is ${at(c.val, b)} − ${at(c.train, b)} = ${(at(c.val, b) - at(c.train, b)).toFixed(4)}, you returned ${a.gap}`,
      );
  }
  return v.result();
}
