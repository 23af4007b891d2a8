// The chapter's exercise checkers on real tfjs (cpu): the reference solutions pass without leaking
// tensors; the starters and realistic wrong answers fail with a message that names the mistake.
import * as tf from "@tensorflow/tfjs";
import { checkL2Penalty, checkProximalL1Step } from "./weight-penalties";
import { expectAccepted, expectRejected, expectThrowReported, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

describe("checkProximalL1Step", () => {
  /** The MDX solution. */
  function proximalL1Step(w: tf.Tensor, grad: tf.Tensor, lr: number, lambda: number): tf.Tensor {
    const z = w.sub(grad.mul(lr)); // the step on the data loss alone
    return z.sign().mul(
      z
        .abs()
        .sub(lr * lambda)
        .relu(),
    ); // then soft-threshold by lr·λ
  }
  type Step = typeof proximalL1Step;

  it("accepts the reference solution and it leaves no tensors behind", async () => {
    const r = await leakFree(() => checkProximalL1Step(proximalL1Step));
    expectAccepted(r);
    // Both kinds of weight are actually tested: enough exact zeros and enough survivors.
    const zeros = Number(/all (\d+) weights within/.exec(r.messages.join("\n"))?.[1]);
    const survivors = Number(/the other (\d+) weights/.exec(r.messages.join("\n"))?.[1]);
    expect(zeros).toBeGreaterThanOrEqual(10);
    expect(survivors).toBeGreaterThanOrEqual(50);
  });

  it("accepts other correct forms (z minus z clipped to ±lr·λ; tf.where)", () => {
    const clipped: Step = (w, g, lr, lambda) => {
      const z = w.sub(g.mul(lr));
      return z.sub(z.clipByValue(-lr * lambda, lr * lambda));
    };
    const where: Step = (w, g, lr, lambda) => {
      const z = w.sub(g.mul(lr));
      const t = lr * lambda;
      return tf.where(z.abs().greater(t), z.sub(z.sign().mul(t)), tf.zerosLike(z));
    };
    expectAccepted(checkProximalL1Step(clipped));
    expectAccepted(checkProximalL1Step(where));
  });

  it("rejects the starter", async () => {
    const starter: Step = (w) => w;
    expect((await leakFree(() => checkProximalL1Step(starter))).ok).toBe(false);
  });

  it("names a subgradient step (no exact zeros)", () => {
    const subgradient: Step = (w, g, lr, lambda) => w.sub(g.add(w.sign().mul(lambda)).mul(lr));
    expectRejected(checkProximalL1Step(subgradient), /no weight became exactly 0: that is a subgradient step/);
  });

  it("names a threshold of λ instead of lr·λ", () => {
    const thresholdLambda: Step = (w, g, lr, lambda) => {
      const z = w.sub(g.mul(lr));
      return z.sign().mul(z.abs().sub(lambda).relu());
    };
    expectRejected(checkProximalL1Step(thresholdLambda), /thresholded at λ: the threshold is lr·λ/);
  });

  it("names hard thresholding (survivors not shrunk)", () => {
    const hard: Step = (w, g, lr, lambda) => {
      const z = w.sub(g.mul(lr));
      return z.mul(z.abs().greater(lr * lambda));
    };
    expectRejected(checkProximalL1Step(hard), /did not shrink.*not hard thresholding/);
  });

  it("names a lost sign, and relu(z − lr·λ)", () => {
    const noSign: Step = (w, g, lr, lambda) =>
      w
        .sub(g.mul(lr))
        .abs()
        .sub(lr * lambda)
        .relu();
    const reluOnly: Step = (w, g, lr, lambda) =>
      w
        .sub(g.mul(lr))
        .sub(lr * lambda)
        .relu();
    expectRejected(checkProximalL1Step(noSign), /negative weights came out positive/);
    expectRejected(checkProximalL1Step(reluOnly), /every negative weight became 0/);
  });

  it("names thresholding before the data step, a missing data step and an uphill step", () => {
    const soft = (x: tf.Tensor, t: number) => x.sign().mul(x.abs().sub(t).relu());
    expectRejected(
      checkProximalL1Step((w, g, lr, lambda) => soft(w, lr * lambda).sub(g.mul(lr))),
      /before the gradient step/,
    );
    expectRejected(
      checkProximalL1Step((w, g, lr, lambda) => soft(w, lr * lambda)),
      /data gradient is missing/,
    );
    expectRejected(
      checkProximalL1Step((w, g, lr, lambda) => soft(w.add(g.mul(lr)), lr * lambda)),
      /stepped uphill/,
    );
  });

  it("names shrinking without stopping at zero", () => {
    const noClip: Step = (w, g, lr, lambda) => {
      const z = w.sub(g.mul(lr));
      return z.sub(z.sign().mul(lr * lambda));
    };
    expectRejected(checkProximalL1Step(noClip), /crossed it instead of stopping at 0/);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkProximalL1Step));

  it("reports a wrong shape and a non-tensor instead of throwing", async () => {
    expectRejected(
      await leakFree(() => checkProximalL1Step((w, g, lr, lambda) => proximalL1Step(w, g, lr, lambda).flatten())),
      /keep w's shape/,
    );
    expectRejected(await leakFree(() => checkProximalL1Step(() => [0])), /return the new weights as a tensor, got object/);
  });
});

describe("checkL2Penalty", () => {
  /** The MDX solution. */
  function l2Penalty(weights: tf.Tensor[], lambda: number): tf.Scalar {
    const sums = weights.map((w) => w.square().sum()); // Σw² of each tensor
    return tf.addN(sums).mul(lambda) as tf.Scalar;
  }
  type Penalty = (weights: tf.Tensor[], lambda: number) => tf.Tensor;

  it("accepts the reference solution and it leaves no tensors behind", async () => {
    expectAccepted(await leakFree(() => checkL2Penalty(l2Penalty)));
  });

  it("accepts tfjs's own regulariser, which is what the task describes", () => {
    const viaTfjs: Penalty = (weights, lambda) => {
      const reg = tf.regularizers.l2({ l2: lambda });
      return tf.addN(weights.map((w) => reg.apply(w)));
    };
    expectAccepted(checkL2Penalty(viaTfjs));
  });

  it("rejects the starter", async () => {
    expectRejected(await leakFree(() => checkL2Penalty(() => tf.scalar(0))), /the penalty is λ·Σw² = /);
  });

  it("names a ½ in front (the text's convention, not tfjs's)", () => {
    expectRejected(
      checkL2Penalty((ws, lambda) => l2Penalty(ws, lambda).mul(0.5)),
      /half of what tf.regularizers.l2 adds.*no ½/,
    );
  });

  it("names a missing square", () => {
    expectRejected(
      checkL2Penalty((ws, lambda) => tf.addN(ws.map((w) => w.sum())).mul(lambda)),
      /summed the weights themselves: square them/,
    );
    expectRejected(
      checkL2Penalty((ws, lambda) => tf.addN(ws.map((w) => w.abs().sum())).mul(lambda)),
      /that is the L1 penalty/,
    );
  });

  it("names the norm instead of the squared norm", () => {
    expectRejected(
      checkL2Penalty((ws, lambda) => tf.addN(ws.map((w) => tf.norm(w))).mul(lambda)),
      /norm ‖w‖ = √Σw² of each tensor, not its square/,
    );
    expectRejected(
      checkL2Penalty((ws, lambda) =>
        tf
          .addN(ws.map((w) => w.square().sum()))
          .sqrt()
          .mul(lambda),
      ),
      /square root of the total/,
    );
  });

  it("names penalising only one tensor", () => {
    expectRejected(
      checkL2Penalty((ws, lambda) => (ws[0] as tf.Tensor).square().sum().mul(lambda)),
      /only the first tensor was penalised/,
    );
  });

  it("names a missing λ, a mean instead of a sum, one value per tensor, and a JS number", () => {
    expectRejected(
      checkL2Penalty((ws) => tf.addN(ws.map((w) => w.square().sum()))),
      /the strength λ is missing/,
    );
    expectRejected(
      checkL2Penalty((ws, lambda) => tf.addN(ws.map((w) => w.square().mean())).mul(lambda)),
      /mean of w² per tensor/,
    );
    expectRejected(
      checkL2Penalty((ws, lambda) => tf.stack(ws.map((w) => w.square().sum())).mul(lambda)),
      /return one number for the whole list \(a scalar\), got shape \[2\]/,
    );
    expectRejected(
      checkL2Penalty((ws, lambda) => lambda * ws.reduce((s, w) => s + w.square().sum().dataSync()[0]!, 0)),
      /not a JS number/,
    );
  });

  it("names a right value that carries no gradient (computed outside tf)", async () => {
    const detached: Penalty = (ws, lambda) => tf.scalar(l2Penalty(ws, lambda).dataSync()[0]!);
    const r = await leakFree(() => checkL2Penalty(detached));
    expectRejected(r, /no gradient reaches the weights/);
    expect(r.messages[0]).toMatch(/^✓ one number for the whole list/);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkL2Penalty));
});
