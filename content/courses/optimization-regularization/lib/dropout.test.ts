// The course library on real tfjs (cpu backend): the model, the from-scratch dropout, the checks.
import * as tf from "@tensorflow/tfjs";
import { checkInvertedDropout, DropoutMLP, dropout } from "./index";
import { expectAccepted, leakFree, setUpTfjsCpu } from "./exercises/test-support";

setUpTfjsCpu();

const equal = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.equal(a, b).all().asScalar().arraySync() === 1);
const close = (a: tf.Tensor, b: tf.Tensor, tol = 1e-5) => tf.tidy(() => tf.abs(tf.sub(a, b)).max().asScalar().arraySync() <= tol);

describe("DropoutMLP", () => {
  let model: DropoutMLP;
  let x: tf.Tensor2D;
  beforeEach(() => {
    model = new DropoutMLP(20, 64, 10, 0.5);
    x = tf.randomNormal([5, 20], 0, 1, "float32", 7) as tf.Tensor2D;
  });
  afterEach(() => {
    model.dispose();
    x.dispose();
  });

  it("maps [5, 20] to [5, 10] and starts in train mode, like a PyTorch module", () => {
    const y = model.forward(x);
    expect(y.shape).toEqual([5, 10]);
    expect(model.isTraining).toBe(true);
    y.dispose();
  });

  it("gives different outputs on every call in train mode", () => {
    model.train();
    const a = model.forward(x);
    const b = model.forward(x);
    expect(equal(a, b)).toBe(false);
    tf.dispose([a, b]);
  });

  it("zeros about `rate` of the hidden units in train mode (beyond those ReLU already zeroed)", () => {
    const big = tf.randomNormal([400, 20], 0, 1, "float32", 3) as tf.Tensor2D;
    const noDropout = model.eval().hidden(big);
    const withDropout = model.train().hidden(big);
    const [active, dropped] = tf.tidy(() => {
      const isActive = tf.greater(noDropout, 0);
      const droppedActive = tf.logicalAnd(isActive, tf.equal(withDropout, 0));
      return [isActive.sum().asScalar().arraySync(), droppedActive.sum().asScalar().arraySync()];
    });
    expect(dropped / active).toBeGreaterThan(0.45);
    expect(dropped / active).toBeLessThan(0.55);
    tf.dispose([big, noDropout, withDropout]);
  });

  it("scales kept hidden units by 1 / (1 - rate) in train mode", () => {
    const plain = model.eval().hidden(x);
    const dropped = model.train().hidden(x);
    const ok = tf.tidy(() => {
      const kept = tf.greater(dropped, 0);
      const expected = tf.where(kept, plain.mul(2), tf.zerosLike(plain));
      return close(tf.where(kept, dropped, tf.zerosLike(dropped)), expected, 1e-4);
    });
    expect(ok).toBe(true);
    tf.dispose([plain, dropped]);
  });

  it("is deterministic in eval mode and equals the network without dropout", () => {
    model.eval();
    const a = model.forward(x);
    const b = model.forward(x);
    expect(equal(a, b)).toBe(true);
    const reference = tf.tidy(() => model.fc2.apply(model.fc1.apply(x)) as tf.Tensor);
    expect(close(a, reference)).toBe(true);
    tf.dispose([a, b, reference]);
  });

  it.each([-0.1, 1, 1.5, NaN, "0.5" as unknown as number])("rejects the rate %p with a clear error", (rate) => {
    expect(() => new DropoutMLP(20, 64, 10, rate)).toThrow(/dropout rate must be a number in \[0, 1\)/);
  });

  it("rejects inputs of the wrong shape", () => {
    const wrong = tf.zeros([5, 3]) as tf.Tensor2D;
    expect(() => model.forward(wrong)).toThrow("forward expects a [batch, 20] tensor, got [5, 3]");
    wrong.dispose();
  });

  it("does not leak tensors per forward pass", () => {
    model.forward(x).dispose(); // the first call creates the 4 weight tensors
    const before = tf.memory().numTensors;
    model.forward(x).dispose();
    model.eval().forward(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("dropout from scratch", () => {
  const ones = () => tf.ones([1000, 1000]);

  it("drops about `rate` of the values, scales the rest by 1/(1-rate), and keeps the mean", () => {
    const x = ones();
    const y = dropout(x, 0.3, { training: true, seed: 11 });
    const values = y.dataSync();
    let zeros = 0;
    let wrong = 0;
    for (const v of values) {
      if (v === 0) zeros += 1;
      else if (Math.abs(v - 1 / 0.7) > 1e-5) wrong += 1;
    }
    expect(zeros / values.length).toBeCloseTo(0.3, 2);
    expect(wrong).toBe(0);
    expect(y.mean().asScalar().arraySync()).toBeCloseTo(1, 2);
    tf.dispose([x, y]);
  });

  it("matches tf.layers.dropout statistically", () => {
    const x = ones();
    const ours = dropout(x, 0.3, { training: true });
    const theirs = tf.layers.dropout({ rate: 0.3 }).apply(x, { training: true }) as tf.Tensor;
    const share = (t: tf.Tensor) => tf.tidy(() => tf.equal(t, 0).mean().asScalar().arraySync());
    expect(Math.abs(share(ours) - share(theirs))).toBeLessThan(0.01);
    expect(tf.tidy(() => tf.max(theirs).asScalar().arraySync())).toBeCloseTo(1 / 0.7, 5);
    tf.dispose([x, ours, theirs]);
  });

  it("is the identity when not training, and for rate 0", () => {
    const x = tf.randomNormal([50, 50]);
    const evalOut = dropout(x, 0.5, { training: false });
    const zeroRate = dropout(x, 0, { training: true });
    expect(equal(evalOut, x)).toBe(true);
    expect(equal(zeroRate, x)).toBe(true);
    tf.dispose([x, evalOut, zeroRate]);
  });

  it("is reproducible with a seed and random without one", () => {
    const x = tf.ones([100, 100]);
    const [a, b, c] = [dropout(x, 0.5, { seed: 5 }), dropout(x, 0.5, { seed: 5 }), dropout(x, 0.5)];
    expect(equal(a, b)).toBe(true);
    expect(equal(a, c)).toBe(false);
    tf.dispose([x, a, b, c]);
  });

  it.each([-1, 1, 2, NaN])("rejects the rate %p", (rate) => {
    const x = tf.ones([2, 2]);
    expect(() => dropout(x, rate)).toThrow(RangeError);
    x.dispose();
  });
});

describe("the exercise check", () => {
  type Fn = (x: tf.Tensor, rate: number, training: boolean) => tf.Tensor;
  // The hint's answer, written the way a learner would: no tf.tidy, the mask is left for the checker.
  const hintAnswer: Fn = (x, rate, training) => {
    if (!training) return x;
    const mask = tf
      .randomUniform(x.shape)
      .less(1 - rate)
      .cast("float32");
    return x.mul(mask).div(1 - rate);
  };

  it.each<[string, Fn]>([
    ["the hint's answer (no tf.tidy, returns x itself in eval)", hintAnswer],
    ["the course library's dropout", (x, rate, training) => dropout(x, rate, { training })],
    ["tf.layers.dropout", (x, rate, training) => tf.layers.dropout({ rate }).apply(x, { training }) as tf.Tensor],
    ["tf.dropout", (x, rate, training) => (training ? tf.dropout(x, rate) : x.clone())],
  ])("accepts %s and leaves no tensors behind", async (_name, fn) => {
    expectAccepted(await leakFree(() => checkInvertedDropout(fn)));
  });

  it.each<[string, Fn, RegExp]>([
    ["treats rate as the keep probability", (x, rate, training) => dropout(x, 1 - rate, { training }), /expected about 30%/],
    [
      "forgets to rescale",
      (x, rate, training) => (training ? tf.tidy(() => x.mul(tf.randomUniform(x.shape).greaterEqual(rate).cast("float32"))) : x.clone()),
      /not x \/ \(1 − rate\)/,
    ],
    [
      "multiplies by the keep probability instead of dividing",
      (x, rate, training) => (training ? x.mul(tf.randomUniform(x.shape).greaterEqual(rate).cast("float32")).mul(1 - rate) : x),
      /not x \/ \(1 − rate\)/,
    ],
    [
      "ignores x and returns the scaled mask",
      (x, rate, training) =>
        training
          ? tf
              .randomUniform(x.shape)
              .less(1 - rate)
              .cast("float32")
              .div(1 - rate)
          : x,
      /not x \/ \(1 − rate\)/,
    ],
    [
      "flattens the output (right size, wrong shape)",
      (x, rate, training) => (training ? dropout(x, rate).reshape([-1]) : x),
      /must have the input's shape \[8, 50, 100\], got \[40000\]/,
    ],
    [
      "reshapes the output to 2-D (right size, wrong shape)",
      (x, rate, training) => (training ? dropout(x, rate).reshape([400, 100]) : x),
      /got \[400, 100\]/,
    ],
    [
      "drops whole rows with one draw per row",
      (x, rate, training) => {
        if (!training) return x;
        const perRow = tf
          .randomUniform([...x.shape.slice(0, -1), 1])
          .less(1 - rate)
          .cast("float32");
        return x.mul(perRow).div(1 - rate);
      },
      /whole rows or columns/,
    ],
    ["scales at inference (the paper's scheme)", (x, rate, training) => (training ? dropout(x, rate) : x.mul(1 - rate)), /unchanged/],
    ["returns the input untouched (the exercise's starting code)", (x) => x, /nothing was dropped/],
    ["returns a number", () => 1 as unknown as tf.Tensor, /must return a tensor, got number/],
    [
      "gives up after a few calls (the tensors it did return are still freed)",
      (() => {
        // The check calls it once per rate (0.3, 0.6), then twice for a fresh mask: the 4th call fails.
        let calls = 0;
        return (x: tf.Tensor, rate: number, training: boolean) =>
          ++calls >= 4 ? (1 as unknown as tf.Tensor) : training ? dropout(x, rate) : x;
      })(),
      /must return a tensor, got number/,
    ],
    [
      "throws",
      () => {
        throw new Error("boom");
      },
      /your function threw: boom/,
    ],
    [
      "reuses one mask",
      (() => {
        let mask: tf.Tensor | undefined;
        return (x: tf.Tensor, rate: number, training: boolean) => {
          if (!training) return x.clone();
          mask ??= tf.keep(tf.randomUniform(x.shape, 0, 1, "float32", 1).greaterEqual(0.5).cast("float32"));
          return x.mul(mask).div(0.5);
        };
      })(),
      /same mask/,
    ],
  ])("rejects a version that %s", async (_name, fn, message) => {
    const before = tf.memory().numTensors;
    const result = await checkInvertedDropout(fn);
    expect(result.ok).toBe(false);
    expect(result.messages.join("\n")).toMatch(message);
    if (_name !== "reuses one mask") expect(tf.memory().numTensors).toBe(before);
  });
});
