// The course library on real tfjs (cpu backend): the model and the from-scratch dropout (its exercise
// check, with the library's dropout among the answers it accepts: exercises/dropout.test.ts).
import * as tf from "@tensorflow/tfjs";
import { DropoutMLP, dropout } from "./index";
import { setUpTfjsCpu } from "./exercises/test-support";

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
