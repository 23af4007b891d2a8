// The checkers of the chapter "momentum-and-adam" on real tfjs (cpu): the lesson's solutions pass
// without leaking tensors and agree with tf.train.momentum and tf.train.adam; the starters and
// typical mistakes fail with a message that names the mistake.
import * as tf from "@tensorflow/tfjs";
import { checkAdamStep, checkMomentumStep, type LearnerAdamStep, type LearnerMomentumStep } from "./momentum-and-adam";
import { expectAccepted, expectRejected, expectThrowReported, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

/** Repeats: the check draws random inputs, so a verdict must not depend on the draw. */
const REPEATS = 10;

/** Three steps from one start, to compare a solution with tfjs's own optimizer. */
const START = [1.5, -0.7, 0.2];
const GRADS = [
  [0.3, -1.2, 0.8],
  [-0.5, 0.4, 1.1],
  [0.9, 0.1, -0.6],
];

/** The weights a tfjs optimizer reaches from START after the GRADS steps (it is disposed). */
function tfjsWeights(optimizer: tf.Optimizer): number[] {
  const variable = tf.variable(tf.tensor1d(START));
  for (const g of GRADS) optimizer.applyGradients([{ name: variable.name, tensor: tf.tensor1d(g) }]);
  const weights = variable.arraySync();
  optimizer.dispose();
  tf.disposeVariables();
  return weights;
}

describe("checkMomentumStep", () => {
  // The lesson's solution.
  const solution: LearnerMomentumStep = (w, v, grad, lr, beta) => {
    const newV = v.mul(beta).add(grad);
    return { w: w.sub(newV.mul(lr)), v: newV };
  };

  it("accepts the solution every time and leaves no tensors", async () => {
    for (let i = 0; i < REPEATS; i++) expectAccepted(await leakFree(() => checkMomentumStep(solution)));
  });

  it("agrees with tf.train.momentum over several steps (so the checker's formula is tfjs's)", () => {
    const mine = tf.tidy(() => {
      let w: tf.Tensor = tf.tensor1d(START);
      let v: tf.Tensor = tf.zeros([3]);
      for (const g of GRADS) ({ w, v } = solution(w, v, tf.tensor1d(g), 0.1, 0.9));
      return w.arraySync() as number[];
    });
    for (const [i, x] of tfjsWeights(tf.train.momentum(0.1, 0.9)).entries()) expect(mine[i]).toBeCloseTo(x, 5);
  });

  it("rejects the starter, which returns w and v unchanged", async () => {
    const r = await leakFree(() => checkMomentumStep((w, v) => ({ w, v })));
    expectRejected(r, /velocity did not change/);
    expectRejected(r, /weights did not move/);
  });

  it.each<[string, LearnerMomentumStep, RegExp]>([
    [
      "steps with the old velocity",
      (w, v, g, lr, beta) => ({ w: w.sub(v.mul(lr)), v: v.mul(beta).add(g) }),
      /moved along the old velocity: update v first/,
    ],
    [
      "averages the gradient (EMA form)",
      (w, v, g, lr, beta) => {
        const newV = v.mul(beta).add(g.mul(1 - beta));
        return { w: w.sub(newV.mul(lr)), v: newV };
      },
      /you averaged.*adds the whole gradient/,
    ],
    [
      "puts the learning rate in the velocity",
      (w, v, g, lr, beta) => {
        const newV = v.mul(beta).add(g.mul(lr));
        return { w: w.sub(newV), v: newV };
      },
      /velocity includes the learning rate/,
    ],
    [
      "moves uphill",
      (w, v, g, lr, beta) => {
        const newV = v.mul(beta).add(g);
        return { w: w.add(newV.mul(lr)), v: newV };
      },
      /weights moved uphill/,
    ],
    [
      "hard-codes beta = 0.9",
      (w, v, g, lr) => {
        const newV = v.mul(0.9).add(g);
        return { w: w.sub(newV.mul(lr)), v: newV };
      },
      /beta = 0\.9 instead of the beta argument/,
    ],
    [
      "forgets to decay the velocity",
      (w, v, g, lr) => {
        const newV = v.add(g);
        return { w: w.sub(newV.mul(lr)), v: newV };
      },
      /old velocity is not decayed/,
    ],
    [
      "takes a Nesterov step",
      (w, v, g, lr, beta) => {
        const newV = v.mul(beta).add(g);
        return { w: w.sub(g.add(newV.mul(beta)).mul(lr)), v: newV };
      },
      /Nesterov/,
    ],
    ["takes a plain SGD step", (w, v, g, lr, beta) => ({ w: w.sub(g.mul(lr)), v: v.mul(beta).add(g) }), /plain SGD step/],
    [
      "returns a pair instead of an object",
      (w, v, g, lr, beta) => [w.sub(g.mul(lr)), v.mul(beta).add(g)] as unknown as { w: tf.Tensor; v: tf.Tensor },
      /must return an object \{ w, v \} of tensors, got an array/,
    ],
  ])("rejects an answer that %s", async (_name, fn, mistake) => {
    for (let i = 0; i < REPEATS; i++) expectRejected(await leakFree(() => checkMomentumStep(fn)), mistake);
  });

  it("credits a weight update that is right for a wrong velocity", async () => {
    const r = await leakFree(() =>
      checkMomentumStep((w, v, g, lr, beta) => {
        const newV = v.mul(beta).add(g.mul(1 - beta));
        return { w: w.sub(newV.mul(lr)), v: newV };
      }),
    );
    expect(r.messages).toContain("✓ the weights step by w − lr·v with the velocity you return (fix the velocity above)");
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkMomentumStep));
});

describe("checkAdamStep", () => {
  // The lesson's solution.
  const solution: LearnerAdamStep = (w, grad, m, v, t, { lr, beta1, beta2, epsilon }) => {
    const newM = m.mul(beta1).add(grad.mul(1 - beta1));
    const newV = v.mul(beta2).add(grad.square().mul(1 - beta2));
    const mHat = newM.div(1 - beta1 ** t);
    const vHat = newV.div(1 - beta2 ** t);
    return { w: w.sub(mHat.div(vHat.sqrt().add(epsilon)).mul(lr)), m: newM, v: newV };
  };

  /** The solution with one line changed, as a learner might get it wrong. */
  function adamWith(change: {
    m?: (m: tf.Tensor, g: tf.Tensor, b1: number, b2: number) => tf.Tensor;
    v?: (v: tf.Tensor, g: tf.Tensor, b1: number, b2: number) => tf.Tensor;
    hats?: (m: tf.Tensor, v: tf.Tensor, t: number, b1: number, b2: number) => [tf.Tensor, tf.Tensor];
    denominator?: (vHat: tf.Tensor, epsilon: number) => tf.Tensor;
    returned?: (m: tf.Tensor, v: tf.Tensor, mHat: tf.Tensor, vHat: tf.Tensor) => [tf.Tensor, tf.Tensor];
    sign?: 1 | -1;
  }): LearnerAdamStep {
    return (w, grad, m, v, t, { lr, beta1, beta2, epsilon }) => {
      const newM = change.m ? change.m(m, grad, beta1, beta2) : m.mul(beta1).add(grad.mul(1 - beta1));
      const newV = change.v ? change.v(v, grad, beta1, beta2) : v.mul(beta2).add(grad.square().mul(1 - beta2));
      const [mHat, vHat] = change.hats ? change.hats(newM, newV, t, beta1, beta2) : [newM.div(1 - beta1 ** t), newV.div(1 - beta2 ** t)];
      const denominator = change.denominator ? change.denominator(vHat, epsilon) : vHat.sqrt().add(epsilon);
      const step = mHat.div(denominator).mul(lr);
      const [mOut, vOut] = change.returned ? change.returned(newM, newV, mHat, vHat) : [newM, newV];
      return { w: change.sign === 1 ? w.add(step) : w.sub(step), m: mOut, v: vOut };
    };
  }

  it("accepts the solution every time and leaves no tensors", async () => {
    for (let i = 0; i < REPEATS; i++) expectAccepted(await leakFree(() => checkAdamStep(solution)));
  });

  it("agrees with tf.train.adam over several steps (so the checker's formula is tfjs's)", () => {
    const options = { lr: 0.1, beta1: 0.8, beta2: 0.99, epsilon: 0.05 };
    const mine = tf.tidy(() => {
      let w: tf.Tensor = tf.tensor1d(START);
      let [m, v]: [tf.Tensor, tf.Tensor] = [tf.zeros([3]), tf.zeros([3])];
      for (const [k, g] of GRADS.entries()) ({ w, m, v } = solution(w, tf.tensor1d(g), m, v, k + 1, options));
      return w.arraySync() as number[];
    });
    const theirs = tfjsWeights(tf.train.adam(options.lr, options.beta1, options.beta2, options.epsilon));
    for (const [i, x] of theirs.entries()) expect(mine[i]).toBeCloseTo(x, 5);
  });

  it("rejects the starter, which returns w, m and v unchanged", async () => {
    const r = await leakFree(() => checkAdamStep((w, _g, m, v) => ({ w, m, v })));
    expectRejected(r, /m did not change/);
    expectRejected(r, /v did not change/);
    expectRejected(r, /weights did not move/);
  });

  const square = (x: tf.Tensor) => x.square();
  it.each<[string, LearnerAdamStep, RegExp]>([
    ["skips the bias correction", adamWith({ hats: (m, v) => [m, v] }), /no bias correction/],
    ["corrects only m", adamWith({ hats: (m, v, t, b1) => [m.div(1 - b1 ** t), v] }), /only m is bias-corrected/],
    [
      "swaps beta1 and beta2 in the moments",
      adamWith({ m: (m, g, _b1, b2) => m.mul(b2).add(g.mul(1 - b2)), v: (v, g, b1) => v.mul(b1).add(square(g).mul(1 - b1)) }),
      /m uses beta2[\s\S]*v uses beta1/,
    ],
    [
      "swaps beta1 and beta2 in the bias correction",
      adamWith({ hats: (m, v, t, b1, b2) => [m.div(1 - b2 ** t), v.div(1 - b1 ** t)] }),
      /betas are swapped in the bias correction/,
    ],
    [
      "puts epsilon inside the square root",
      adamWith({ denominator: (vHat, eps) => vHat.add(eps).sqrt() }),
      /epsilon belongs outside the square root/,
    ],
    ["ignores epsilon", adamWith({ denominator: (vHat) => vHat.sqrt() }), /ignores epsilon/],
    ["forgets the square root", adamWith({ denominator: (vHat, eps) => vHat.add(eps) }), /square root is missing/],
    [
      "uses t − 1 in the bias correction",
      adamWith({ hats: (m, v, t, b1, b2) => [m.div(1 - b1 ** (t - 1)), v.div(1 - b2 ** (t - 1))] }),
      /one step behind/,
    ],
    [
      "uses t + 1 in the bias correction",
      adamWith({ hats: (m, v, t, b1, b2) => [m.div(1 - b1 ** (t + 1)), v.div(1 - b2 ** (t + 1))] }),
      /one step ahead/,
    ],
    ["averages the gradient, not its square, in v", adamWith({ v: (v, g, _b1, b2) => v.mul(b2).add(g.mul(1 - b2)) }), /not its square/],
    ["hard-codes beta1 = 0.9", adamWith({ m: (m, g) => m.mul(0.9).add(g.mul(0.1)) }), /beta1 = 0\.9 instead of the beta1 option/],
    [
      "returns the bias-corrected moments",
      adamWith({ returned: (_m, _v, mHat, vHat) => [mHat, vHat] }),
      /bias-corrected m̂ as m[\s\S]*bias-corrected v̂ as v/,
    ],
    ["moves uphill", adamWith({ sign: 1 }), /weights moved uphill/],
  ])("rejects an answer that %s", async (_name, fn, mistake) => {
    for (let i = 0; i < REPEATS; i++) expectRejected(await leakFree(() => checkAdamStep(fn)), mistake);
  });

  it("rejects an update that uses the old moments", async () => {
    const oldMoments: LearnerAdamStep = (w, grad, m, v, t, { lr, beta1, beta2, epsilon }) => {
      const step = m
        .div(1 - beta1 ** t)
        .div(
          v
            .div(1 - beta2 ** t)
            .sqrt()
            .add(epsilon),
        )
        .mul(lr);
      return { w: w.sub(step), m: m.mul(beta1).add(grad.mul(1 - beta1)), v: v.mul(beta2).add(grad.square().mul(1 - beta2)) };
    };
    expectRejected(await leakFree(() => checkAdamStep(oldMoments)), /uses the old m and v/);
  });

  it("credits a weight update that is right for wrong moments", async () => {
    const r = await leakFree(() => checkAdamStep(adamWith({ m: (m, g) => m.mul(0.9).add(g.mul(0.1)) })));
    expect(r.messages).toContain("✓ the weight update lr·m̂ / (√v̂ + epsilon) is right for the m and v you return (fix those above)");
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkAdamStep));

  it("reports a function that leaves out a moment", async () => {
    const r = await leakFree(() => checkAdamStep(((w: tf.Tensor) => ({ w })) as unknown as LearnerAdamStep));
    expectRejected(r, /m and v are missing or not a tensor/);
  });
});
