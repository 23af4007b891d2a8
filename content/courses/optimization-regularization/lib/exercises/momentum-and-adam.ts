// Checkers for the exercises of the chapter "momentum-and-adam": one heavy-ball momentum step and
// one Adam step with bias correction, each compared with a reference computed here in float64.
import * as tf from "@tensorflow/tfjs";
import { collector, disposeReturned, kindOf, sameShape, signedUniform, tidyCall, valueAt, type CheckResult } from "./checking";

export type LearnerMomentumStep = (w: tf.Tensor, v: tf.Tensor, grad: tf.Tensor, lr: number, beta: number) => { w: tf.Tensor; v: tf.Tensor };
export type AdamStepOptions = { lr: number; beta1: number; beta2: number; epsilon: number };
export type LearnerAdamStep = (
  w: tf.Tensor,
  grad: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  t: number,
  options: AdamStepOptions,
) => { w: tf.Tensor; m: tf.Tensor; v: tf.Tensor };

/**
 * Relative tolerance, measured against the size of the operands of each update: WebGL may compute
 * in float16 (about 5e-4 per operation) on some phones, and an Adam step chains several operations.
 * Every planted mistake below moves some value by 5 % or more of its step, far outside it.
 */
const REL_TOL = 2e-3;

type Values = Float32Array;
type Rule = (i: number) => number;

/** n values in [lo, hi] (for second moments, which are never negative). */
function uniform(n: number, lo: number, hi: number): Values {
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * Math.random());
}

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : v.toFixed(4)) : String(v));

/** Index of the first value that differs from rule(i) by more than REL_TOL × scale(i), or -1 (NaN never matches). */
function firstMismatch(actual: ArrayLike<number>, rule: Rule, scale: Rule): number {
  for (let i = 0; i < actual.length; i++) if (!(Math.abs(valueAt(actual, i) - rule(i)) <= REL_TOL * scale(i) + 1e-7)) return i;
  return -1;
}

/** A known wrong update and the message that names it. */
type Mistake = { says: string; rule: Rule; when?: boolean };

/**
 * Calls the learner's step inside tf.tidy (its intermediate tensors are freed there), checks it
 * returned an object with the named tensors, reads them and frees them (but never the inputs).
 */
async function callStep(
  run: () => unknown,
  names: string[],
  inputs: tf.Tensor[],
  fnName: string,
): Promise<Record<string, { shape: number[]; values: Values }> | string> {
  const tensors = tidyCall(
    (): tf.Tensor[] | string => {
      const out = run() as Record<string, unknown> | null;
      const form = `${fnName} must return an object { ${names.join(", ")} } of tensors`;
      if (typeof out !== "object" || out === null || out instanceof tf.Tensor || Array.isArray(out)) return `${form}, got ${kindOf(out)}`;
      const missing = names.filter((n) => !(out[n] instanceof tf.Tensor));
      return missing.length
        ? `${form}; ${missing.slice(0, -1).join(", ")}${missing.length > 1 ? " and " : ""}${missing.at(-1)} ${missing.length > 1 ? "are" : "is"} missing or not a tensor`
        : names.map((n) => out[n] as tf.Tensor);
    },
    (kept) => (typeof kept === "string" ? [] : kept),
  );
  if (typeof tensors === "string") return tensors;
  const read: Record<string, { shape: number[]; values: Values }> = {};
  try {
    for (const [k, t] of tensors.entries()) read[names[k] as string] = { shape: t.shape, values: Float32Array.from(await t.data()) };
  } finally {
    disposeReturned(tensors, inputs);
  }
  return read;
}

type Comparison = { ok: true } | { ok: false; says: string };

/**
 * Compares what the learner returned for one quantity with the reference rule. If it differs, names
 * the first known mistake it matches, or else shows one wrong value next to the expected one.
 */
function compare(
  name: string,
  got: { shape: number[]; values: Values },
  shape: number[],
  rule: Rule,
  scale: Rule,
  mistakes: Mistake[],
  show: (i: number) => string,
  formula: string,
): Comparison {
  if (!sameShape(got.shape, shape))
    return {
      ok: false,
      says: `the new ${name} has shape [${got.shape.join(", ")}], expected [${shape.join(", ")}] (the shape of ${name})`,
    };
  const wrong = firstMismatch(got.values, rule, scale);
  if (wrong < 0) return { ok: true };
  const known = mistakes.find((m) => m.when !== false && firstMismatch(got.values, m.rule, scale) < 0);
  if (known) return { ok: false, says: known.says };
  const value = valueAt(got.values, wrong);
  if (!Number.isFinite(value)) return { ok: false, says: `the new ${name} contains ${value} (${show(wrong)})` };
  return { ok: false, says: `${show(wrong)}: the new ${name} is ${fmt(value)}, expected ${fmt(rule(wrong))} = ${formula}` };
}

// ---------------------------------------------------------------------------------------------
// Momentum (heavy ball): v ← β·v + grad, w ← w − lr·v (as tf.train.momentum and PyTorch's SGD).

const MOMENTUM_CASES = [
  { shape: [3, 4], lr: 0.2, beta: 0.9 }, // lr ≠ 1 − beta, so "lr in the velocity" and "averaged" differ
  { shape: [6], lr: 0.05, beta: 0.5 },
];

/** Checks momentumStep(w, v, grad, lr, beta) → { w, v } on random weights, velocities and gradients. */
export async function checkMomentumStep(fn: LearnerMomentumStep): Promise<CheckResult> {
  const report = collector();
  let velocityWrong = "";
  let weightsWrong = "";
  let weightsFollowOwnVelocity = true;
  for (const { shape, lr, beta } of MOMENTUM_CASES) {
    const size = shape.reduce((a, b) => a * b, 1);
    // Magnitudes in [0.5, 2] for all three, so β·v, grad and lr·v never vanish and every mistake shows.
    const [w0, v0, g0] = [signedUniform(size, 0.5, 2), signedUniform(size, 0.5, 2), signedUniform(size, 0.5, 2)];
    const [w, v, grad] = [tf.tensor(w0, shape), tf.tensor(v0, shape), tf.tensor(g0, shape)];
    const label = `(lr = ${lr}, beta = ${beta})`;
    try {
      const out = await callStep(() => fn(w, v, grad, lr, beta), ["w", "v"], [w, v, grad], "momentumStep");
      if (typeof out === "string") return report.stop(out);
      const W = (i: number) => valueAt(w0, i);
      const V = (i: number) => valueAt(v0, i);
      const G = (i: number) => valueAt(g0, i);
      const newV = (i: number) => beta * V(i) + G(i);
      const vScale = (i: number) => Math.abs(beta * V(i)) + Math.abs(G(i));
      const show = (i: number) => `${label} w = ${fmt(W(i))}, v = ${fmt(V(i))}, grad = ${fmt(G(i))}`;
      const velocity = compare(
        "v",
        out.v!,
        shape,
        newV,
        vScale,
        [
          { says: "the velocity did not change: return the new velocity v ← beta·v + grad", rule: V },
          { says: "the velocity is just the gradient: keep the old velocity, v ← beta·v + grad", rule: G },
          {
            says: "you averaged, v ← beta·v + (1 − beta)·grad; this chapter's momentum (like tf.train.momentum) adds the whole gradient: v ← beta·v + grad",
            rule: (i) => beta * V(i) + (1 - beta) * G(i),
          },
          {
            says: "the velocity includes the learning rate; keep v ← beta·v + grad and multiply by lr only in the weight update w ← w − lr·v",
            rule: (i) => beta * V(i) + lr * G(i),
          },
          {
            says: "that is the form v ← beta·v − lr·grad, w ← w + v; this exercise asks for v ← beta·v + grad and w ← w − lr·v",
            rule: (i) => beta * V(i) - lr * G(i),
          },
          {
            says: "the velocity points uphill: v ← beta·v + grad (the minus sign belongs in the weight update)",
            rule: (i) => beta * V(i) - G(i),
          },
          { says: "the old velocity is not decayed: multiply it by beta, v ← beta·v + grad", rule: (i) => V(i) + G(i) },
          { says: "beta multiplies the old velocity, not the gradient: v ← beta·v + grad", rule: (i) => V(i) + beta * G(i) },
          { says: "you used beta = 0.9 instead of the beta argument", rule: (i) => 0.9 * V(i) + G(i), when: beta !== 0.9 },
        ],
        show,
        "beta·v + grad",
      );
      if (!velocity.ok && !velocityWrong) velocityWrong = velocity.says;

      const learnerV = out.v!;
      const wScale = (i: number) => Math.abs(W(i)) + Math.abs(lr * newV(i));
      const weights = compare(
        "w",
        out.w!,
        shape,
        (i) => W(i) - lr * newV(i),
        wScale,
        [
          { says: "the weights did not move: return w − lr·v with the new velocity", rule: W },
          {
            says: "the weights moved along the old velocity: update v first, then step with the new one, w ← w − lr·(new v)",
            rule: (i) => W(i) - lr * V(i),
          },
          { says: "the weights moved uphill: w ← w − lr·v (subtract)", rule: (i) => W(i) + lr * newV(i) },
          { says: "the weight step ignores the learning rate: w ← w − lr·v", rule: (i) => W(i) - newV(i) },
          {
            says: "the weights take a plain SGD step, w − lr·grad; step along the velocity instead: w ← w − lr·v",
            rule: (i) => W(i) - lr * G(i),
          },
          {
            says: "that is Nesterov's update, w − lr·(grad + beta·v); this exercise asks for the plain heavy-ball step w ← w − lr·v",
            rule: (i) => W(i) - lr * (G(i) + beta * newV(i)),
          },
        ],
        show,
        "w − lr·(beta·v + grad)",
      );
      if (!weights.ok) {
        // The weight update may be right for the (wrong) velocity the learner returned: say so.
        const own =
          sameShape(learnerV.shape, shape) && firstMismatch(out.w!.values, (i) => W(i) - lr * valueAt(learnerV.values, i), wScale) < 0;
        if (!own) {
          weightsFollowOwnVelocity = false;
          if (!weightsWrong) weightsWrong = weights.says;
        }
      }
    } catch (e) {
      report.fail(`your function threw: ${(e as Error).message}`);
      return report.result();
    } finally {
      tf.dispose([w, v, grad]);
    }
  }
  if (velocityWrong) report.fail(velocityWrong);
  else report.pass("the velocity is beta·v + grad");
  if (weightsWrong) report.fail(weightsWrong);
  else if (velocityWrong && weightsFollowOwnVelocity)
    report.pass("the weights step by w − lr·v with the velocity you return (fix the velocity above)");
  else report.pass("the weights step by w − lr·v with the new velocity");
  return report.result();
}

// ---------------------------------------------------------------------------------------------
// Adam (Kingma and Ba, 2015; tf.train.adam): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
// m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t), w ← w − lr · m̂ / (√v̂ + ε).

type AdamCase = {
  shape: number[];
  t: number;
  options: AdamStepOptions;
  fresh: boolean;
  g: [number, number];
  m: [number, number];
  v: [number, number];
};

const ADAM_CASES: AdamCase[] = [
  // The second step, with non-default betas: the moments carry history, so forgetting it, swapping
  // the betas, hard-coding 0.9/0.999 or an off-by-one t (t − 1 changes the step by (1 + β1)/√(1 + β2)
  // ≈ 1.28) each change the step by 10 % or more. m and v are of the size one earlier step leaves.
  {
    shape: [6],
    t: 2,
    options: { lr: 0.1, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 },
    fresh: false,
    g: [0.5, 2],
    m: [0.1, 0.4],
    v: [0.005, 0.04],
  },
  // The first step from m = v = 0 with tfjs's defaults: without bias correction it is √1000/100 ≈ 3.2 times too long.
  { shape: [3, 4], t: 1, options: { lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, fresh: true, g: [0.5, 2], m: [0, 0], v: [0, 0] },
  // A large epsilon (TensorFlow suggests 0.1 or 1 for some models) with small gradients, where √v̂ ≈ 0.1:
  // only here does it matter whether ε is added outside the square root (right) or inside it.
  {
    shape: [2, 3],
    t: 30,
    options: { lr: 0.2, beta1: 0.9, beta2: 0.999, epsilon: 0.1 },
    fresh: false,
    g: [0.02, 0.1],
    m: [0.02, 0.05],
    v: [1e-4, 5e-4],
  },
];

/** Checks adamStep(w, grad, m, v, t, { lr, beta1, beta2, epsilon }) → { w, m, v } on three cases. */
export async function checkAdamStep(fn: LearnerAdamStep): Promise<CheckResult> {
  const report = collector();
  const wrong = { m: "", v: "", w: "" };
  let weightsFollowOwnMoments = true;
  for (const c of ADAM_CASES) {
    const { shape, t } = c;
    const { lr, beta1, beta2, epsilon } = c.options;
    const size = shape.reduce((a, b) => a * b, 1);
    const w0 = signedUniform(size, 0.1, 1);
    const g0 = signedUniform(size, ...c.g);
    // m has the sign of the gradient (as if it kept pointing the same way), so β1·m + (1 − β1)·g never cancels.
    const m0 = c.fresh ? new Float32Array(size) : uniform(size, ...c.m).map((x, i) => Math.sign(valueAt(g0, i)) * x);
    const v0 = c.fresh ? new Float32Array(size) : uniform(size, ...c.v);
    const [w, grad, m, v] = [tf.tensor(w0, shape), tf.tensor(g0, shape), tf.tensor(m0, shape), tf.tensor(v0, shape)];
    const label = `(t = ${t}, beta1 = ${beta1}, beta2 = ${beta2}, epsilon = ${epsilon})`;
    try {
      const out = await callStep(() => fn(w, grad, m, v, t, { ...c.options }), ["w", "m", "v"], [w, grad, m, v], "adamStep");
      if (typeof out === "string") return report.stop(out);
      const W = (i: number) => valueAt(w0, i);
      const G = (i: number) => valueAt(g0, i);
      const M = (i: number) => valueAt(m0, i);
      const V = (i: number) => valueAt(v0, i);
      const show = (i: number) => `${label} w = ${fmt(W(i))}, grad = ${fmt(G(i))}, m = ${fmt(M(i))}, v = ${fmt(V(i))}`;
      const mNew = (b1: number) => (i: number) => b1 * M(i) + (1 - b1) * G(i);
      const vNew = (b2: number) => (i: number) => b2 * V(i) + (1 - b2) * G(i) ** 2;
      const [m1, v1] = [mNew(beta1), vNew(beta2)];
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;

      const mResult = compare(
        "m",
        out.m!,
        shape,
        m1,
        (i) => Math.abs(beta1 * M(i)) + Math.abs((1 - beta1) * G(i)),
        [
          { says: "m did not change: return the new first moment m ← beta1·m + (1 − beta1)·grad", rule: M },
          { says: "m uses beta2: the first moment is m ← beta1·m + (1 − beta1)·grad (beta1 for m, beta2 for v)", rule: mNew(beta2) },
          {
            says: "you returned the bias-corrected m̂ as m: return the raw m ← beta1·m + (1 − beta1)·grad; correct only for the update",
            rule: (i) => m1(i) / c1,
          },
          { says: "m is missing the factor (1 − beta1) on the gradient: m ← beta1·m + (1 − beta1)·grad", rule: (i) => beta1 * M(i) + G(i) },
          { says: "you used beta1 = 0.9 instead of the beta1 option", rule: mNew(0.9), when: beta1 !== 0.9 },
        ],
        show,
        "beta1·m + (1 − beta1)·grad",
      );
      if (!mResult.ok && !wrong.m) wrong.m = mResult.says;

      const vResult = compare(
        "v",
        out.v!,
        shape,
        v1,
        (i) => v1(i),
        [
          { says: "v did not change: return the new second moment v ← beta2·v + (1 − beta2)·grad²", rule: V },
          { says: "v uses beta1: the second moment is v ← beta2·v + (1 − beta2)·grad² (beta2 for v, beta1 for m)", rule: vNew(beta1) },
          {
            says: "v averages the gradient, not its square: v ← beta2·v + (1 − beta2)·grad²",
            rule: (i) => beta2 * V(i) + (1 - beta2) * G(i),
          },
          {
            says: "you returned the bias-corrected v̂ as v: return the raw v ← beta2·v + (1 − beta2)·grad²; correct only for the update",
            rule: (i) => v1(i) / c2,
          },
          { says: "v is missing the factor (1 − beta2) on grad²: v ← beta2·v + (1 − beta2)·grad²", rule: (i) => beta2 * V(i) + G(i) ** 2 },
          { says: "you used beta2 = 0.999 instead of the beta2 option", rule: vNew(0.999), when: beta2 !== 0.999 },
        ],
        show,
        "beta2·v + (1 − beta2)·grad²",
      );
      if (!vResult.ok && !wrong.v) wrong.v = vResult.says;

      /** w − lr·m̃/(√ṽ + eps), or with eps inside the root, for given moment estimates. */
      const step =
        (mt: Rule, vt: Rule, eps = epsilon, inside = false) =>
        (i: number) =>
          W(i) - (lr * mt(i)) / (inside ? Math.sqrt(vt(i) + eps) : Math.sqrt(vt(i)) + eps);
      const reference = step(
        (i) => m1(i) / c1,
        (i) => v1(i) / c2,
      );
      const wScale = (i: number) => Math.abs(W(i)) + Math.abs(reference(i) - W(i));
      const corrected = (b1: number, b2: number, tt: number) =>
        step(
          (i) => mNew(b1)(i) / (1 - b1 ** tt),
          (i) => vNew(b2)(i) / (1 - b2 ** tt),
        );
      const wResult = compare(
        "w",
        out.w!,
        shape,
        reference,
        wScale,
        [
          { says: "the weights did not move: return w − lr·m̂ / (√v̂ + epsilon)", rule: W },
          {
            says: "no bias correction: divide m by (1 − beta1^t) and v by (1 − beta2^t) before the update (t counts from 1)",
            rule: step(m1, v1),
          },
          { says: "only m is bias-corrected: use v̂ = v / (1 − beta2^t) as well", rule: step((i) => m1(i) / c1, v1) },
          { says: "only v is bias-corrected: use m̂ = m / (1 − beta1^t) as well", rule: step(m1, (i) => v1(i) / c2) },
          {
            says: "epsilon belongs outside the square root: w ← w − lr·m̂ / (√v̂ + epsilon), not √(v̂ + epsilon)",
            rule: step(
              (i) => m1(i) / c1,
              (i) => v1(i) / c2,
              epsilon,
              true,
            ),
          },
          {
            says: "the update ignores epsilon: divide by √v̂ + epsilon, using the epsilon option",
            rule: step(
              (i) => m1(i) / c1,
              (i) => v1(i) / c2,
              0,
            ),
            when: epsilon > 1e-3,
          },
          {
            says: "the bias correction is one step behind: t is already this step's number (1 on the first step), so use beta^t, not beta^(t − 1)",
            rule: corrected(beta1, beta2, t - 1),
            when: t > 1,
          },
          {
            says: "the bias correction is one step ahead: t is already this step's number, so use beta^t, not beta^(t + 1)",
            rule: corrected(beta1, beta2, t + 1),
          },
          {
            says: "the betas are swapped in the bias correction: m̂ = m / (1 − beta1^t), v̂ = v / (1 − beta2^t)",
            rule: step(
              (i) => m1(i) / (1 - beta2 ** t),
              (i) => v1(i) / (1 - beta1 ** t),
            ),
          },
          { says: "the weights moved uphill: subtract the step, w ← w − lr·m̂ / (√v̂ + epsilon)", rule: (i) => 2 * W(i) - reference(i) },
          {
            says: "the update uses the old m and v: compute the new moments first, then step with them",
            rule: step(
              (i) => M(i) / c1,
              (i) => V(i) / c2,
            ),
            when: !c.fresh,
          },
          {
            says: "the square root is missing: divide m̂ by √v̂ + epsilon, not by v̂ + epsilon",
            rule: (i) => W(i) - (lr * m1(i)) / c1 / (v1(i) / c2 + epsilon),
          },
        ],
        show,
        "w − lr·m̂ / (√v̂ + epsilon)",
      );
      if (!wResult.ok) {
        // Count the update as right if it is right for the (wrong) moments the learner returned.
        const [mL, vL] = [out.m!, out.v!];
        const own =
          sameShape(mL.shape, shape) &&
          sameShape(vL.shape, shape) &&
          firstMismatch(
            out.w!.values,
            step(
              (i) => valueAt(mL.values, i) / c1,
              (i) => valueAt(vL.values, i) / c2,
            ),
            wScale,
          ) < 0;
        if (!own) {
          weightsFollowOwnMoments = false;
          if (!wrong.w)
            wrong.w =
              t === 1 && !wResult.says.includes("bias") && out.w!.values.some((x) => !Number.isFinite(x))
                ? `${wResult.says}; at t = 1, beta^(t − 1) = 1 makes the bias correction divide by zero: t already counts from 1`
                : wResult.says;
        }
      }
    } catch (e) {
      report.fail(`your function threw: ${(e as Error).message}`);
      return report.result();
    } finally {
      tf.dispose([w, grad, m, v]);
    }
  }
  if (wrong.m) report.fail(wrong.m);
  else report.pass("m is beta1·m + (1 − beta1)·grad");
  if (wrong.v) report.fail(wrong.v);
  else report.pass("v is beta2·v + (1 − beta2)·grad²");
  if (wrong.w) report.fail(wrong.w);
  else if ((wrong.m || wrong.v) && weightsFollowOwnMoments)
    report.pass("the weight update lr·m̂ / (√v̂ + epsilon) is right for the m and v you return (fix those above)");
  else report.pass("the weights move by lr·m̂ / (√v̂ + epsilon), with both moments bias-corrected");
  return report.result();
}
