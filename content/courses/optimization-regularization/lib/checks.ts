// Checks for the lesson's exercise: does a learner's dropout function behave like inverted dropout?
import * as tf from "@tensorflow/tfjs";

export type CheckResult = { ok: boolean; messages: string[] };
export type LearnerDropout = (x: tf.Tensor, rate: number, training: boolean) => tf.Tensor;

/** Test input shape: rank 3, so a flattened or reshaped output cannot pass for the right one. */
const SHAPE: [number, number, number] = [8, 50, 100];
const RATES = [0.3, 0.6];
/** Relative tolerance for "equals x / (1 − rate)" in float32. */
const REL_TOL = 1e-5;

/**
 * Random-valued input with no zeros: magnitudes in [0.5, 2], both signs. Code that ignores `x`
 * (returns the scaled mask) or scales the wrong way cannot match x / (1 − rate) on it; a test
 * on ones could not tell the difference. Shape: SHAPE.
 */
function testInput(): tf.Tensor {
  return tf.tidy(() => {
    const magnitude = tf.randomUniform(SHAPE, 0.5, 2);
    const sign = tf.randomUniform(SHAPE).less(0.5).cast("float32").mul(2).sub(1);
    return magnitude.mul(sign);
  });
}

/**
 * Calls the learner's function inside tf.tidy, so tensors it makes on the way (masks, random
 * draws) are freed here and the runner does not blame a correct answer for them. Only the
 * returned tensor survives; the caller disposes it (unless it is the input itself).
 */
function call(fn: LearnerDropout, x: tf.Tensor, rate: number, training: boolean): tf.Tensor | string {
  let result: unknown;
  tf.tidy(() => {
    result = fn(x, rate, training);
    if (result instanceof tf.Tensor) return result; // returned from tidy: kept
    return undefined;
  });
  if (!(result instanceof tf.Tensor))
    return `with training = ${training} it must return a tensor, got ${result === null ? "null" : typeof result}`;
  return result;
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/** a[i] of a tensor's values, where i is in range by construction (same shapes, same sizes). */
function at(a: ArrayLike<number>, i: number): number {
  const v = a[i];
  if (v === undefined) throw new RangeError(`index ${i} is outside ${a.length} values`);
  return v;
}

/** Runs the learner's function on a random [8, 50, 100] input and reports what is right and what is not. */
export async function checkDropout(fn: LearnerDropout): Promise<CheckResult> {
  const messages: string[] = [];
  let ok = true;
  const fail = (m: string) => {
    ok = false;
    messages.push(`✗ ${m}`);
  };
  const pass = (m: string) => messages.push(`✓ ${m}`);
  const release = (t: tf.Tensor, x: tf.Tensor) => {
    if (t !== x && !t.isDisposed) t.dispose();
  };

  const x = testInput();
  const input = await x.data();
  try {
    for (const rate of RATES) {
      const y = call(fn, x, rate, true);
      if (typeof y === "string") {
        fail(y);
        return { ok, messages };
      }
      const shape = y.shape;
      const values = await y.data();
      release(y, x);
      if (!sameShape(shape, x.shape)) {
        fail(`rate ${rate}: the output must have the input's shape [${x.shape.join(", ")}], got [${shape.join(", ")}]`);
        continue;
      }
      // Every element must be 0 (dropped) or exactly x / (1 − rate) (kept and rescaled).
      const scale = 1 / (1 - rate);
      const dropped = new Uint8Array(values.length);
      let zeros = 0;
      let wrong = 0;
      let firstWrong = -1;
      for (const [i, v] of values.entries()) {
        const expected = at(input, i) * scale;
        if (v === 0) {
          dropped[i] = 1;
          zeros += 1;
        } else if (Math.abs(v - expected) > REL_TOL * Math.abs(expected)) {
          wrong += 1;
          if (firstWrong < 0) firstWrong = i;
        }
      }
      if (wrong > 0) {
        const i = firstWrong;
        fail(
          `rate ${rate}: ${wrong} kept values are not x / (1 − rate); e.g. x = ${at(input, i).toFixed(4)} gave ${at(values, i).toFixed(4)}, expected 0 or ${(at(input, i) * scale).toFixed(4)} (multiply x by the mask, then divide by 1 − rate)`,
        );
      } else {
        pass(`rate ${rate}: every value is 0 or x / (1 − rate)`);
      }
      // 40,000 draws: the share of zeros is within ±0.02 of the rate with overwhelming probability.
      const zeroShare = zeros / values.length;
      if (Math.abs(zeroShare - rate) > 0.02) {
        fail(
          `rate ${rate}: ${(zeroShare * 100).toFixed(1)}% of values are zero, expected about ${rate * 100}% (rate is the DROP probability)`,
        );
      } else {
        pass(`rate ${rate}: about ${(zeroShare * 100).toFixed(1)}% of units dropped`);
      }
      // An independent draw per element: no row (last axis) and no column may be all dropped or all kept.
      // With 100 (or 400) independent draws per line that happens with probability below 1e-15.
      const [a, b, c] = SHAPE;
      let uniformLines = 0;
      for (let i = 0; i < a * b; i++) {
        let s = 0;
        for (let k = 0; k < c; k++) s += at(dropped, i * c + k);
        if (s === 0 || s === c) uniformLines += 1;
      }
      for (let k = 0; k < c; k++) {
        let s = 0;
        for (let i = 0; i < a * b; i++) s += at(dropped, i * c + k);
        if (s === 0 || s === a * b) uniformLines += 1;
      }
      if (uniformLines > 0)
        fail(`rate ${rate}: whole rows or columns are dropped together; draw the mask with the full shape, tf.randomUniform(x.shape)`);
    }

    const first = call(fn, x, 0.5, true);
    const second = call(fn, x, 0.5, true);
    if (typeof first === "string" || typeof second === "string") {
      // One call may still have returned a tensor: free it too.
      if (typeof first !== "string") release(first, x);
      if (typeof second !== "string") release(second, x);
      fail(typeof first === "string" ? first : (second as string));
    } else {
      const same = sameShape(first.shape, second.shape) && tf.tidy(() => tf.equal(first, second).all().dataSync()[0] === 1);
      release(first, x);
      release(second, x);
      if (same) fail("two calls in training mode gave the same mask: draw a new random mask on every call");
      else pass("every call draws a fresh mask");
    }

    const evalOut = call(fn, x, 0.5, false);
    if (typeof evalOut === "string") {
      fail(evalOut);
    } else {
      const identity = sameShape(evalOut.shape, x.shape) && tf.tidy(() => tf.equal(evalOut, x).all().dataSync()[0] === 1);
      release(evalOut, x);
      if (!identity) fail("with training = false the function must return the input unchanged (no scaling at inference)");
      else pass("with training = false the input passes through unchanged");
    }
  } catch (e) {
    fail(`your function threw: ${(e as Error).message}`);
  } finally {
    x.dispose();
  }
  return { ok, messages };
}

/** Prints the check's verdict; the exercise cell ends by calling this. */
export async function reportDropoutCheck(fn: LearnerDropout): Promise<boolean> {
  const result = await checkDropout(fn);
  for (const m of result.messages) console.log(m);
  if (result.ok) console.log("Correct! Your dropout matches inverted dropout.");
  else console.warn("Not yet: fix the ✗ items above and run again.");
  return result.ok;
}
