// Checks for the lesson's exercise: does a learner's dropout function behave like inverted dropout?
import * as tf from "@tensorflow/tfjs";

export type CheckResult = { ok: boolean; messages: string[] };
export type LearnerDropout = (x: tf.Tensor, rate: number, training: boolean) => tf.Tensor;

const SHAPE: [number, number] = [200, 200];

/** Runs the learner's function on ones([200, 200]) and reports what is right and what is not. */
export async function checkDropout(fn: LearnerDropout): Promise<CheckResult> {
  const messages: string[] = [];
  let ok = true;
  const fail = (m: string) => {
    ok = false;
    messages.push(`✗ ${m}`);
  };
  const pass = (m: string) => messages.push(`✓ ${m}`);

  const x = tf.ones(SHAPE);
  try {
    for (const rate of [0.3, 0.6]) {
      const y = fn(x, rate, true);
      if (!(y instanceof tf.Tensor)) {
        fail(`with training = true it must return a tensor, got ${typeof y}`);
        return { ok, messages };
      }
      const values = await y.data();
      if (y !== x) y.dispose();
      if (values.length !== x.size) {
        fail(`the output must keep the input's shape [${SHAPE.join(", ")}]`);
        continue;
      }
      let zeros = 0;
      let wrongScale = 0;
      for (const v of values) {
        if (v === 0) zeros += 1;
        else if (Math.abs(v - 1 / (1 - rate)) > 1e-4) wrongScale += 1;
      }
      const zeroShare = zeros / values.length;
      // 40,000 draws: the share of zeros is within ±0.02 of the rate with overwhelming probability.
      if (Math.abs(zeroShare - rate) > 0.02) fail(`rate ${rate}: ${(zeroShare * 100).toFixed(1)}% of values are zero, expected about ${rate * 100}% (rate is the DROP probability)`);
      else pass(`rate ${rate}: about ${(zeroShare * 100).toFixed(1)}% of units dropped`);
      if (wrongScale > 0) fail(`rate ${rate}: kept values must be scaled by 1 / (1 − rate) = ${(1 / (1 - rate)).toFixed(4)}`);
      else pass(`rate ${rate}: kept values are scaled by 1 / (1 − rate)`);
    }
    const first = fn(x, 0.5, true);
    const second = fn(x, 0.5, true);
    const same = (await tf.equal(first, second).all().data())[0] === 1;
    for (const t of [first, second]) if (t !== x) t.dispose();
    if (same) fail("two calls in training mode gave the same mask: draw a new random mask on every call");
    else pass("every call draws a fresh mask");

    const evalOut = fn(x, 0.5, false);
    const identity = (await tf.equal(evalOut, x).all().data())[0] === 1;
    if (evalOut !== x) evalOut.dispose();
    if (!identity) fail("with training = false the function must return the input unchanged (no scaling at inference)");
    else pass("with training = false the input passes through unchanged");
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
