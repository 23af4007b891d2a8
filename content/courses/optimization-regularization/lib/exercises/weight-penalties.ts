// Checkers for the exercises of the chapter "weight-penalties": one proximal (soft-threshold)
// step for the L1 penalty, and the L2 penalty as tfjs's tf.regularizers.l2 adds it, λ·Σw².
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, errorText, mulberry32, sameShape, shapeText, tidyCall, type CheckResult } from "./checking";

/** Float32 values of `count` random numbers in ±[0.1, 1.6] (both signs, none near 0). */
function signedValues(rand: () => number, count: number): Float32Array {
  return Float32Array.from({ length: count }, () => (rand() < 0.5 ? -1 : 1) * (0.1 + 1.5 * rand()));
}

/** Calls a learner's function inside tf.tidy: only a returned tensor survives. */
function callForTensor(run: () => unknown): { tensor: tf.Tensor } | { other: unknown } {
  const out = tidyCall(run, (o) => (o instanceof tf.Tensor ? [o] : []));
  return out instanceof tf.Tensor ? { tensor: out } : { other: out };
}

const kindOf = (x: unknown) => (x === null ? "null" : x instanceof Promise ? "a Promise (don't make it async)" : typeof x);

// ---------------------------------------------------------------------------------------------
// Exercise "l1-prox-step": proximalL1Step(w, grad, lr, lambda) → the next weights

type ProxFn = (w: tf.Tensor, grad: tf.Tensor, lr: number, lambda: number) => unknown;

const softThreshold = (z: number, t: number) => Math.sign(z) * Math.max(Math.abs(z) - t, 0);

/** Wrong updates a learner might write, tried in order: the first that explains every case is named. */
const PROX_MISTAKES: { rule: (w: number, g: number, lr: number, lambda: number) => number; message: string }[] = [
  {
    rule: (w, g, lr, lambda) => w - lr * (g + lambda * Math.sign(w)),
    message:
      "no weight became exactly 0: that is a subgradient step (adding λ·sign(w)). Take the data step z = w − lr·grad, then soft-threshold z",
  },
  {
    rule: (w, g, lr, lambda) => softThreshold(w - lr * g, lambda),
    message: "you thresholded at λ: the threshold is lr·λ (the penalty's pull times the step size)",
  },
  {
    rule: (w, g, lr, lambda) => softThreshold(w, lr * lambda) - lr * g,
    message: "you soft-thresholded w before the gradient step: first z = w − lr·grad, then soft-threshold z",
  },
  {
    rule: (w, g, lr, lambda) => softThreshold(w, lr * lambda),
    message: "the data gradient is missing: soft-threshold z = w − lr·grad, not w",
  },
  {
    rule: (w, g, lr, lambda) => softThreshold(w + lr * g, lr * lambda),
    message: "you stepped uphill: the data step is z = w − lr·grad, minus, not plus",
  },
  {
    rule: (w, g, lr, lambda) => (Math.abs(w - lr * g) > lr * lambda ? w - lr * g : 0),
    message:
      "the weights you kept did not shrink: soft-thresholding also moves every surviving weight lr·λ towards 0 (not hard thresholding)",
  },
  {
    rule: (w, g, lr, lambda) => Math.max(Math.abs(w - lr * g) - lr * lambda, 0),
    message: "the negative weights came out positive: multiply max(|z| − lr·λ, 0) by sign(z) to keep each weight's sign",
  },
  {
    rule: (w, g, lr, lambda) => Math.max(w - lr * g - lr * lambda, 0),
    message: "every negative weight became 0: threshold |z|, then restore the sign, so negative weights shrink towards 0 too",
  },
  {
    rule: (w, g, lr, lambda) => {
      const z = w - lr * g;
      return z - lr * lambda * Math.sign(z);
    },
    message: "weights within lr·λ of zero crossed it instead of stopping at 0: use max(|z| − lr·λ, 0), which clips at zero",
  },
];

/**
 * Checks one proximal L1 step on two cases ([8, 5] with lr 0.1, λ 2; [60] with lr 0.5, λ 0.3).
 * Weights that must become 0 must be exactly 0; the others must match within 2e-3 + 1e-3·|w|
 * (float16-safe). Entries within 2e-3 of the threshold are not judged: rounding may go either way.
 */
export function checkProximalL1Step(fn: ProxFn): CheckResult {
  const v = collector();
  const rand = mulberry32(21);
  const cases = [
    { shape: [8, 5], lr: 0.1, lambda: 2 },
    { shape: [60], lr: 0.5, lambda: 0.3 },
  ];
  let zerosSeen = 0;
  let survivorsSeen = 0;
  const results: { w: Float32Array; g: Float32Array; out: Float32Array; lr: number; lambda: number }[] = [];
  for (const { shape, lr, lambda } of cases) {
    const size = shape.reduce((a, b) => a * b, 1);
    const wValues = Float32Array.from({ length: size }, () => rand() * 2 - 1);
    const gValues = Float32Array.from({ length: size }, () => rand() * 2 - 1);
    const w = tf.tensor(wValues, shape);
    const g = tf.tensor(gValues, shape);
    let called: ReturnType<typeof callForTensor>;
    try {
      called = callForTensor(() => fn(w, g, lr, lambda));
    } catch (e) {
      tf.dispose([w, g]);
      v.fail(`your function threw: ${errorText(e)}`);
      return v.result();
    }
    if (!("tensor" in called)) {
      tf.dispose([w, g]);
      v.fail(`return the new weights as a tensor, got ${kindOf(called.other)}`);
      return v.result();
    }
    const out = called.tensor;
    const outShape = out.shape;
    const outValues = Float32Array.from(out.dataSync());
    disposeReturned([out], [w, g]);
    tf.dispose([w, g]);
    if (!sameShape(outShape, shape)) {
      v.fail(`with w of shape ${shapeText(shape)} you returned shape ${shapeText(outShape)}: the update is elementwise, keep w's shape`);
      return v.result();
    }
    results.push({ w: wValues, g: gValues, out: outValues, lr, lambda });
  }

  /** Does `out` follow `rule` everywhere (outside the band around the threshold)? */
  const follows = (rule: (w: number, g: number, lr: number, lambda: number) => number) =>
    results.every(({ w, g, out, lr, lambda }) =>
      Array.from(out).every((o, i) => {
        const wi = w[i] ?? NaN;
        const gi = g[i] ?? NaN;
        if (Math.abs(Math.abs(wi - lr * gi) - lr * lambda) < 2e-3) return true;
        const e = rule(wi, gi, lr, lambda);
        return Math.abs(o - e) <= 2e-3 + 1e-3 * Math.abs(e);
      }),
    );

  let notZero: string | null = null;
  let wrongSurvivor: string | null = null;
  for (const { w, g, out, lr, lambda } of results) {
    const t = lr * lambda;
    out.forEach((o, i) => {
      const z = (w[i] ?? NaN) - lr * (g[i] ?? NaN);
      if (Math.abs(Math.abs(z) - t) < 2e-3) return;
      const e = softThreshold(z, t);
      if (e === 0) {
        zerosSeen += 1;
        if (o !== 0 && !notZero)
          notZero = `lr ${lr}, λ ${lambda}: z = ${z.toFixed(4)} is within lr·λ = ${+t.toFixed(6)} of 0, so the weight must be exactly 0, got ${o.toPrecision(4)}`;
      } else {
        survivorsSeen += 1;
        if (Math.abs(o - e) > 2e-3 + 1e-3 * Math.abs(e) && !wrongSurvivor)
          wrongSurvivor = `lr ${lr}, λ ${lambda}: z = ${z.toFixed(4)} should become ${e.toFixed(4)}, got ${o.toFixed(4)}`;
      }
    });
  }
  if (!notZero && !wrongSurvivor) {
    v.pass("the update keeps the shape of w");
    v.pass(`all ${zerosSeen} weights within lr·λ of zero after the data step are exactly 0`);
    v.pass(`the other ${survivorsSeen} weights moved lr·λ towards 0 and kept their sign`);
    return v.result();
  }
  const mistake = PROX_MISTAKES.find((m) => follows(m.rule));
  if (mistake) {
    v.fail(mistake.message);
    return v.result();
  }
  if (notZero) v.fail(notZero);
  else v.pass(`all ${zerosSeen} weights within lr·λ of zero after the data step are exactly 0`);
  if (wrongSurvivor) v.fail(`${wrongSurvivor} (sign(z) · max(|z| − lr·λ, 0))`);
  return v.result();
}

// ---------------------------------------------------------------------------------------------
// Exercise "l2-penalty": l2Penalty(weights, lambda) → λ·Σ over all tensors of Σ w² (a scalar)

type L2Fn = (weights: tf.Tensor[], lambda: number) => unknown;

/** Sum of f(w) over every value of every tensor. */
const sumAll = (ws: Float32Array[], f: (x: number) => number) => ws.reduce((s, w) => s + w.reduce((a, x) => a + f(x), 0), 0);
const sq = (x: number) => x * x;

/** Wrong penalties, tried in order: the first that explains every case is named. */
const L2_MISTAKES: { value: (ws: Float32Array[], lambda: number) => number; message: string }[] = [
  {
    value: (ws, l) => 0.5 * l * sumAll(ws, sq),
    message: "your penalty is half of what tf.regularizers.l2 adds: tfjs uses λ·Σw² with no ½ (the ½ is only the text's convention)",
  },
  {
    value: (ws, l) => l * sumAll(ws, (x) => x),
    message: "you summed the weights themselves: square them first (w²), otherwise positive and negative weights cancel",
  },
  {
    value: (ws, l) => l * sumAll(ws, Math.abs),
    message: "that is the L1 penalty λ·Σ|w|: square the weights instead of taking absolute values",
  },
  {
    value: (ws, l) => l * ws.reduce((s, w) => s + Math.sqrt(sumAll([w], sq)), 0),
    message: "you used the norm ‖w‖ = √Σw² of each tensor, not its square: drop the square root (tf.norm gives ‖w‖)",
  },
  {
    value: (ws, l) => l * Math.sqrt(sumAll(ws, sq)),
    message: "you took the square root of the total: the penalty is the SQUARED norm, λ·Σw², with no square root",
  },
  {
    value: (ws, l) => l * sumAll(ws.slice(0, 1), sq),
    message: "only the first tensor was penalised: add up Σw² over every tensor in the list",
  },
  {
    value: (ws, l) => l * sumAll(ws.slice(-1), sq),
    message: "only the last tensor was penalised: add up Σw² over every tensor in the list, not just the last",
  },
  { value: (ws) => sumAll(ws, sq), message: "the strength λ is missing: multiply the sum of squares by λ" },
  { value: (ws, l) => l * l * sumAll(ws, sq), message: "you multiplied by λ twice: the penalty is λ·Σw², not λ²·Σw²" },
  {
    value: (ws, l) => (l * sumAll(ws, sq)) / ws.reduce((n, w) => n + w.length, 0),
    message: "you averaged the squares over all weights: tfjs sums them (tf.sum, not tf.mean)",
  },
  {
    value: (ws, l) => l * ws.reduce((s, w) => s + sumAll([w], sq) / w.length, 0),
    message: "you took the mean of w² per tensor: tfjs sums them (tf.sum, not tf.mean)",
  },
];

const closeTo = (a: number, b: number) => Math.abs(a - b) <= 3e-3 * Math.abs(b) + 1e-7;

/**
 * Checks l2Penalty on two lists of kernels (two tensors, λ = 0.01; three tensors, λ = 0.3) against
 * λ·Σw² computed here in float64, to a relative 3e-3 (float16-safe; every named mistake is off by
 * 10% or more), then checks that its gradient with respect to every weight is 2λw.
 */
export function checkL2Penalty(fn: L2Fn): CheckResult {
  const v = collector();
  const rand = mulberry32(7);
  const cases = [
    {
      shapes: [
        [3, 5],
        [5, 2],
      ],
      lambda: 0.01,
    },
    {
      shapes: [
        [6, 4],
        [4, 4],
        [4, 1],
      ],
      lambda: 0.3,
    },
  ];
  const got: { values: Float32Array[]; lambda: number; penalty: number }[] = [];
  for (const { shapes, lambda } of cases) {
    const values = shapes.map((s) =>
      signedValues(
        rand,
        s.reduce((a, b) => a * b, 1),
      ),
    );
    const weights = values.map((vals, i) => tf.tensor(vals, shapes[i]));
    let called: ReturnType<typeof callForTensor>;
    try {
      called = callForTensor(() => fn(weights, lambda));
    } catch (e) {
      tf.dispose(weights);
      v.fail(`your function threw: ${errorText(e)}`);
      return v.result();
    }
    if (!("tensor" in called)) {
      tf.dispose(weights);
      v.fail(
        typeof called.other === "number"
          ? "return a tensor (a tf.Scalar), not a JS number: the penalty is added to the loss, and only a tensor carries gradients back to the weights"
          : `return the penalty as a scalar tensor, got ${kindOf(called.other)}`,
      );
      return v.result();
    }
    const out = called.tensor;
    const shape = out.shape;
    const outValues = out.dataSync();
    disposeReturned([out], weights);
    tf.dispose(weights);
    if (outValues.length !== 1) {
      v.fail(`return one number for the whole list (a scalar), got shape ${shapeText(shape)}: sum over every weight of every tensor`);
      return v.result();
    }
    got.push({ values, lambda, penalty: outValues[0] ?? NaN });
  }

  const right = got.every(({ values, lambda, penalty }) => closeTo(penalty, lambda * sumAll(values, sq)));
  if (!right) {
    const mistake = L2_MISTAKES.find((m) => got.every(({ values, lambda, penalty }) => closeTo(penalty, m.value(values, lambda))));
    if (mistake) v.fail(mistake.message);
    else {
      const wrong = got.find(({ values, lambda, penalty }) => !closeTo(penalty, lambda * sumAll(values, sq)));
      if (wrong)
        v.fail(
          `with ${wrong.values.length} tensors and λ = ${wrong.lambda} the penalty is λ·Σw² = ${(wrong.lambda * sumAll(wrong.values, sq)).toPrecision(5)}, you returned ${wrong.penalty.toPrecision(5)}`,
        );
    }
    return v.result();
  }
  v.pass("one number for the whole list, equal to λ·Σw² over every tensor (what tf.regularizers.l2 adds)");

  // The penalty must be differentiable: its gradient with respect to w is 2λw. The added 0·Σw
  // ties every weight to the output, so tf.grads never throws (a throw there leaks its tape's
  // tensors); a penalty built outside tf then simply shows a zero gradient.
  const { values, lambda } = got[1] ?? { values: [], lambda: 0 };
  const weights = values.map((vals, i) => tf.tensor(vals, cases[1]?.shapes[i]));
  try {
    const grads = tf.tidy(() =>
      tf.grads((...ws: tf.Tensor[]) => tf.add(fn(ws, lambda) as tf.Tensor, tf.addN(ws.map((w) => w.sum())).mul(0)))(weights),
    );
    const gradValues = grads.map((gr) => gr.dataSync());
    tf.dispose(grads);
    const gradRight = gradValues.every((gv, t) => Array.from(gv).every((x, i) => closeTo(x, 2 * lambda * (values[t]?.[i] ?? NaN))));
    const gradZero = gradValues.every((gv) => gv.every((x) => x === 0));
    if (gradRight) v.pass("its gradient is 2λw for every weight, so minimising it shrinks the weights");
    else if (gradZero)
      v.fail(
        "no gradient reaches the weights: compute the penalty with tf ops (tf.square, tf.sum, tf.addN), not from values read out with dataSync()",
      );
    else v.fail("its gradient is not 2λw: build the penalty only from tf ops on the weights (square, sum, add, mul)");
  } catch (e) {
    v.fail(`computing the penalty's gradient failed: ${errorText(e)}; build it only from tf ops on the weights`);
  } finally {
    tf.dispose(weights);
  }
  return v.result();
}
