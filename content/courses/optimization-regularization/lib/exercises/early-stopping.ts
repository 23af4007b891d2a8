// Checkers for the exercises of the chapter "early-stopping-and-data-augmentation": the patience
// rule of tf.callbacks.earlyStopping (tfjs 4.22, mode "min"), and a random horizontal flip
// applied independently to each image of a batch.
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, mulberry32, tidyCall, valueAt, type CheckResult } from "./checking";

// ─── Exercise 1: the patience rule ─────────────────────────────────────────────────────────────

/** Epochs are indices into the losses (0-based, like the `epoch` tfjs passes to onEpochEnd). */
export type EarlyStoppingOutcome = { stopEpoch: number | null; bestEpoch: number };
export type EarlyStoppingFn = (valLosses: number[], patience: number, minDelta: number) => EarlyStoppingOutcome;

type Rule = {
  /** Does this loss count as an improvement on the best so far (or on the previous loss)? */
  improves: (loss: number, best: number, previous: number, minDelta: number) => boolean;
  /** Stop once this many epochs in a row have not improved. */
  stopAfter: (patience: number) => number;
  /** Which epoch to restore, given the last improvement, the epoch we ended at and the losses so far. */
  restore: (lastImprovement: number, end: number, losses: number[]) => number;
};

const RIGHT: Rule = {
  // tfjs: monitorFunc(current − minDelta, best) with minDelta made negative for "min": current + |minDelta| < best.
  improves: (loss, best, _previous, minDelta) => loss < best - minDelta,
  stopAfter: (patience) => patience,
  restore: (lastImprovement) => lastImprovement,
};

/** Runs a rule over the losses the way the callback's onEpochEnd does, epoch by epoch. */
function simulate(rule: Rule, losses: number[], patience: number, minDelta: number): EarlyStoppingOutcome {
  let best = Infinity;
  let previous = Infinity;
  let bestEpoch = -1;
  let wait = 0;
  for (let epoch = 0; epoch < losses.length; epoch++) {
    const loss = valueAt(losses, epoch);
    if (rule.improves(loss, best, previous, minDelta)) {
      best = loss;
      bestEpoch = epoch;
      wait = 0;
    } else {
      wait += 1;
      if (wait >= rule.stopAfter(patience))
        return { stopEpoch: epoch, bestEpoch: rule.restore(bestEpoch, epoch, losses.slice(0, epoch + 1)) };
    }
    previous = loss;
  }
  return { stopEpoch: null, bestEpoch: rule.restore(bestEpoch, losses.length - 1, losses) };
}

const argmin = (a: number[]) => a.reduce((k, v, i) => (v < valueAt(a, k) ? i : k), 0);

/** Learner mistakes the checker can name, each a small change to the right rule. */
const MISTAKES: { rule: Rule; message: string }[] = [
  {
    rule: { ...RIGHT, stopAfter: (p) => p + 1 },
    message:
      "you stop one epoch late: stop as soon as `patience` epochs in a row have not improved (wait ≥ patience), not one epoch after that",
  },
  {
    rule: { ...RIGHT, stopAfter: (p) => p - 1 },
    message: "you stop one epoch early: stop when `patience` epochs in a row have not improved (wait ≥ patience), not patience − 1",
  },
  {
    rule: { ...RIGHT, improves: (loss, best) => loss < best },
    message: "minDelta is ignored: an epoch improves only if its loss is below best − minDelta; smaller gains count as no improvement",
  },
  {
    rule: { ...RIGHT, improves: (loss, best, _p, d) => loss < best + d },
    message: "minDelta has the wrong sign: an improvement needs loss < best − minDelta (lower by more than minDelta), not best + minDelta",
  },
  {
    rule: { ...RIGHT, improves: (loss, best, _p, d) => loss <= best - d },
    message: "an equal loss counted as an improvement: it must be strictly lower, loss < best − minDelta",
  },
  {
    rule: { ...RIGHT, improves: (loss, _b, previous, d) => loss < previous - d },
    message:
      "you compare each loss with the previous epoch's; compare it with the best loss so far, so a small dip after a rise does not reset the wait",
  },
  {
    rule: { ...RIGHT, restore: (_last, end) => end },
    message: "bestEpoch is the epoch training ended at: restore the epoch of the last improvement instead",
  },
  {
    rule: { ...RIGHT, restore: (_last, _end, losses) => argmin(losses) },
    message:
      "bestEpoch is the lowest loss, but with minDelta a lower loss need not count: return the last epoch that counted as an improvement",
  },
];

/**
 * Each case makes at least one mistake above give a different answer from the right rule:
 * a dip after a rise (previous-epoch comparison), gains smaller than minDelta, an exact tie,
 * a rise smaller than minDelta, and a run that never stops. Values are far from every boundary
 * except the deliberate tie, so floating-point rounding cannot decide a case.
 */
const CASES: { losses: number[]; patience: number; minDelta: number }[] = [
  { losses: [1.0, 0.8, 0.7, 0.75, 0.72, 0.9, 0.6], patience: 2, minDelta: 0 },
  { losses: [0.5, 0.45, 0.445, 0.442, 0.441, 0.43, 0.2], patience: 3, minDelta: 0.01 },
  { losses: [0.3, 0.25, 0.25, 0.2, 0.1], patience: 1, minDelta: 0 },
  { losses: [0.9, 0.7, 0.72, 0.71, 0.6, 0.65, 0.64], patience: 3, minDelta: 0.001 },
  { losses: [1.0, 0.9, 0.92, 0.93, 0.5, 0.4], patience: 2, minDelta: 0.05 },
  { losses: [2.0, 1.5, 1.2, 1.3, 1.1, 1.25, 1.24, 1.23, 1.22, 1.0], patience: 4, minDelta: 0 },
];

const sameOutcome = (a: EarlyStoppingOutcome, b: EarlyStoppingOutcome) => a.stopEpoch === b.stopEpoch && a.bestEpoch === b.bestEpoch;
const outcomeText = (o: EarlyStoppingOutcome) => `${o.stopEpoch === null ? "never stop" : `stop at ${o.stopEpoch}`}, best ${o.bestEpoch}`;

/**
 * Runs the learner's rule on six loss curves and compares the stop and best epochs with
 * tf.callbacks.earlyStopping's semantics; names the mistake when one rule explains every answer.
 */
export function checkEarlyStopping(fn: EarlyStoppingFn): CheckResult {
  const r = collector();
  const answers: EarlyStoppingOutcome[] = [];
  for (const c of CASES) {
    let out: unknown;
    try {
      out = fn(c.losses.slice(), c.patience, c.minDelta);
    } catch (e) {
      r.fail(`your function threw: ${(e as Error).message}`);
      return r.result();
    }
    const o = out as Partial<EarlyStoppingOutcome> | null;
    const stopOk = o !== null && typeof o === "object" && (o.stopEpoch === null || Number.isInteger(o.stopEpoch));
    if (!stopOk || !Number.isInteger(o.bestEpoch)) {
      r.fail(
        `return { stopEpoch, bestEpoch }: epoch indices (stopEpoch null if patience never runs out), got ${JSON.stringify(out) ?? String(out)}`,
      );
      return r.result();
    }
    answers.push({ stopEpoch: o.stopEpoch ?? null, bestEpoch: o.bestEpoch as number });
  }

  const right = CASES.map((c) => simulate(RIGHT, c.losses, c.patience, c.minDelta));
  for (const [i, c] of CASES.entries()) {
    const got = valueAt(answers, i);
    const want = valueAt(right, i);
    const label = `[${c.losses.join(", ")}], patience ${c.patience}, minDelta ${c.minDelta}`;
    if (sameOutcome(got, want)) r.pass(`${label}: ${outcomeText(want)}`);
    else r.fail(`${label}: you return ${outcomeText(got)}, expected ${outcomeText(want)}`);
  }
  if (right.every((w, i) => sameOutcome(w, valueAt(answers, i)))) return r.result();

  // One planted rule that reproduces every answer names the mistake.
  const mistake = MISTAKES.find(({ rule }) =>
    CASES.every((c, i) => sameOutcome(simulate(rule, c.losses, c.patience, c.minDelta), valueAt(answers, i))),
  );
  if (mistake) r.fail(mistake.message);
  else
    r.fail(
      "the rule: an epoch improves if loss < best − minDelta (then best = loss, wait = 0, remember the epoch); otherwise wait += 1 and stop once wait ≥ patience",
    );
  return r.result();
}

// ─── Exercise 2: a random horizontal flip, independently per image ─────────────────────────────

export type RandomFlipFn = (images: tf.Tensor4D, labels: tf.Tensor1D) => { images: tf.Tensor; labels: tf.Tensor };

/** Test batch: 100 images of 4×6 pixels with 3 channels (height ≠ width, so the axes cannot be confused). */
const FLIP_SHAPE: [number, number, number, number] = [100, 4, 6, 3];
/** Calls per check. */
const FLIP_CALLS = 20;
/**
 * With a fair coin per image, the share flipped over 20 × 100 draws has standard deviation 0.011,
 * so [0.4, 0.6] holds except with probability below 1e-18; one call flipping all or none of its
 * 100 images, or two calls flipping the same set, has probability 2^-99 or less. A coin per
 * batch flips all-or-none in every call, and all 20 calls agree only with probability 2^-19.
 */
const FLIP_SHARE: [number, number] = [0.4, 0.6];

/** Deterministic pixel values in [0, 1), all different, so every flip and shuffle shows. */
function testPixels(n: number, seed: number): number[] {
  const uniform = mulberry32(seed);
  return Array.from({ length: n }, () => uniform());
}

type Kind = "same" | "mirrored" | "upside down" | "rotated" | "channels" | "moved" | "changed";

/**
 * What happened to image b: the index of its pixel (y, x, c) in the source image for each kind of
 * transform. "moved" means the output holds another image of the batch (or its mirror image).
 */
function classify(out: ArrayLike<number>, input: ArrayLike<number>, b: number): Kind {
  const [n, h, w, ch] = FLIP_SHAPE;
  const size = h * w * ch;
  const maps: [Kind, (y: number, x: number, c: number) => number][] = [
    ["same", (y, x, c) => (y * w + x) * ch + c],
    ["mirrored", (y, x, c) => (y * w + (w - 1 - x)) * ch + c],
    ["upside down", (y, x, c) => ((h - 1 - y) * w + x) * ch + c],
    ["rotated", (y, x, c) => ((h - 1 - y) * w + (w - 1 - x)) * ch + c],
    ["channels", (y, x, c) => (y * w + x) * ch + (ch - 1 - c)],
  ];
  const equalTo = (source: number, map: (y: number, x: number, c: number) => number) => {
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let c = 0; c < ch; c++) {
          const want = valueAt(input, source * size + map(y, x, c));
          if (Math.abs(valueAt(out, b * size + (y * w + x) * ch + c) - want) > 1e-3 * Math.max(1, Math.abs(want))) return false;
        }
    return true;
  };
  for (const [kind, map] of maps) if (equalTo(b, map)) return kind;
  for (let source = 0; source < n; source++) {
    if (source !== b && (equalTo(source, valueAt(maps, 0)[1]) || equalTo(source, valueAt(maps, 1)[1]))) return "moved";
  }
  return "changed";
}

const WRONG_KIND: Partial<Record<Kind, string>> = {
  "upside down": "were flipped top to bottom: a horizontal flip reverses the width axis, axis 2 of [batch, height, width, channels]",
  rotated: "were flipped along both height and width; a horizontal flip reverses only the width axis (axis 2)",
  channels: "had their colour channels reversed (axis 3); a horizontal flip reverses the width axis (axis 2)",
  moved: "moved to another place in the batch (axis 0 reversed or shuffled?): each image must stay at its index, beside its label",
  changed: "are neither the original nor its mirror image: a flip only moves pixels, it must not change their values",
};

/**
 * Calls the learner's flip 20 times on a batch of 100 images and checks that each image comes
 * back unchanged or mirrored left–right, labels untouched, about half flipped, with a fresh and
 * independent coin per image and per call.
 */
export async function checkRandomFlip(fn: RandomFlipFn): Promise<CheckResult> {
  const r = collector();
  const [n] = FLIP_SHAPE;
  const pixels = testPixels(
    FLIP_SHAPE.reduce((a, b) => a * b),
    5,
  );
  const classes = Array.from({ length: n }, (_, i) => (i * 7) % 10);
  const images = tf.tensor4d(pixels, FLIP_SHAPE);
  const labels = tf.tensor1d(classes, "int32");
  const inputs: tf.Tensor[] = [images, labels];
  const patterns: string[] = [];
  const wrongKinds = new Map<Kind, number>();
  let labelsChanged = false;
  try {
    for (let call = 0; call < FLIP_CALLS; call++) {
      let returned: unknown[] = [];
      const out: unknown = tidyCall(
        () => fn(images, labels),
        (o) => {
          const fields = (o !== null && typeof o === "object" ? o : {}) as Record<string, unknown>;
          returned = [fields.images, fields.labels];
          return returned.filter((t): t is tf.Tensor => t instanceof tf.Tensor);
        },
      );
      const [outImages, outLabels] = returned;
      try {
        if (!(outImages instanceof tf.Tensor && outLabels instanceof tf.Tensor)) {
          r.fail(`return an object { images, labels } of tensors, got ${out === null ? "null" : typeof out}`);
          return r.result();
        }
        if (outImages.shape.join() !== FLIP_SHAPE.join()) {
          r.fail(`the images must keep their shape [${FLIP_SHAPE.join(", ")}], got [${outImages.shape.join(", ")}]`);
          return r.result();
        }
        const got = await outImages.data();
        const gotLabels = await outLabels.data();
        if (gotLabels.length !== n || classes.some((v, i) => valueAt(gotLabels, i) !== v)) labelsChanged = true;
        let pattern = "";
        for (let b = 0; b < n; b++) {
          const kind = classify(got, pixels, b);
          if (kind === "same" || kind === "mirrored") pattern += kind === "mirrored" ? "1" : "0";
          else wrongKinds.set(kind, (wrongKinds.get(kind) ?? 0) + 1);
        }
        patterns.push(pattern);
      } finally {
        disposeReturned(returned, inputs);
      }
    }
  } catch (e) {
    r.fail(`your function threw: ${(e as Error).message}`);
    return r.result();
  } finally {
    tf.dispose(inputs);
  }

  if (labelsChanged) r.fail("the labels changed: return them as they came in; a mirrored cat is still a cat, at the same index");
  else r.pass("the labels come back unchanged");
  if (wrongKinds.size > 0) {
    for (const [kind, count] of wrongKinds) r.fail(`${count} of ${n * FLIP_CALLS} images ${WRONG_KIND[kind] ?? "changed"}`);
    return r.result();
  }
  r.pass("every image comes back as itself or its left–right mirror image, pixel values unchanged");

  const flips = patterns.map((p) => p.split("").filter((c) => c === "1").length);
  const share = flips.reduce((a, b) => a + b, 0) / (n * FLIP_CALLS);
  const allOrNone = flips.every((f) => f === 0 || f === n);
  if (share === 0)
    r.fail("no image was ever flipped: mirror each image with probability ½ (tf.image.flipLeftRight or tf.reverse on axis 2)");
  else if (share === 1)
    r.fail("every image was flipped in every call: flip each one only with probability ½ and keep the others as they are");
  else if (allOrNone)
    r.fail(
      "the whole batch is flipped or kept together: draw one coin per image, e.g. tf.randomUniform([batch, 1, 1, 1]), not one per batch",
    );
  else if (share < valueAt(FLIP_SHARE, 0) || share > valueAt(FLIP_SHARE, 1))
    r.fail(`${(100 * share).toFixed(1)}% of the images were flipped, expected about 50%: flip each with probability ½`);
  else r.pass(`${(100 * share).toFixed(1)}% of the images were flipped, about half, each with its own coin`);

  if (!allOrNone && new Set(patterns).size < patterns.length)
    r.fail("two calls flipped exactly the same images: draw fresh coins on every call (no fixed seed), so each epoch sees new versions");
  else if (!allOrNone) r.pass("every call draws fresh coins");
  return r.result();
}
