// Claims of the chapter "Momentum and Adam", on cpu and wasm: tf.train.adam's default ε is the
// backend's epsilon() (1e-7 with 32-bit floats, 1e-4 on a 16-bit WebGL GPU), not the paper's 1e-8,
// and it is the ε the update uses; RMSProp normalises each weight's step by the running RMS of its
// own gradients; Adam's first step moves every weight by η.
import * as tf from "@tensorflow/tfjs";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";

/** The distance one weight moves in the first step of `optimizer` on L(w) = g·w (a constant gradient g). */
function firstStep(optimizer: tf.Optimizer, g: number): number {
  const w = tf.variable(tf.scalar(0));
  optimizer.minimize(() => w.mul(g).sum() as tf.Scalar);
  const moved = Math.abs(w.dataSync()[0]!);
  w.dispose();
  optimizer.dispose();
  return moved;
}

it("tfjs's epsilon() is 1e-7 with 32-bit floats and 1e-4 with 16-bit floats, on WebGL as in the base backend", () => {
  const epsilonAt = (backend: { prototype: { epsilon(): number } }, floatPrecision: 16 | 32) =>
    backend.prototype.epsilon.call({ floatPrecision: () => floatPrecision });
  expect(epsilonAt(tf.MathBackendWebGL, 32)).toBe(1e-7);
  expect(epsilonAt(tf.MathBackendWebGL, 16)).toBe(1e-4);
  expect(epsilonAt(tf.KernelBackend, 32)).toBe(1e-7);
  expect(epsilonAt(tf.KernelBackend, 16)).toBe(1e-4);
});

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);
  afterEach(() => tf.disposeVariables());

  it("tf.train.adam defaults to β1 0.9, β2 0.999 and ε = backend epsilon() = 1e-7 here (32-bit floats), not 1e-8", () => {
    expect(tf.backend().floatPrecision()).toBe(32);
    expect(tf.backend().epsilon()).toBe(1e-7);
    const adam = tf.train.adam(0.001);
    expect(adam.getConfig()).toEqual({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    adam.dispose();
  });

  it("the update uses that ε: a first step on a gradient of 1e-7 moves η·g/(|g| + ε) = η/2, with ε = 1e-8 about 0.91·η", () => {
    const lr = 0.01;
    expect(firstStep(tf.train.adam(lr), 1e-7) / lr).toBeCloseTo(0.5, 2);
    expect(firstStep(tf.train.adam(lr, 0.9, 0.999, 1e-8), 1e-7) / lr).toBeCloseTo(1 / 1.1, 2);
    // With an ordinary gradient ε plays no part: the first step is η.
    expect(firstStep(tf.train.adam(lr), 0.3) / lr).toBeCloseTo(1, 4);
  });

  it("RMSProp: with gradients consistently 10 and 0.01, both weights move about η per step (plain SGD: a ratio of 1000)", () => {
    const lr = 0.01;
    const w = tf.variable(tf.zeros([2]));
    const g = tf.tensor1d([10, 0.01]);
    const optimizer = tf.train.rmsprop(lr); // decay ρ = 0.9
    const loss = () => w.mul(g).sum() as tf.Scalar;
    const position = () => Array.from(w.dataSync());
    for (let i = 0; i < 200; i++) optimizer.minimize(loss);
    const before = position();
    optimizer.minimize(loss);
    const steps = position().map((p, i) => Math.abs(p - before[i]!));
    expect(steps[0]! / lr).toBeCloseTo(1, 2);
    expect(steps[1]! / lr).toBeCloseTo(1, 2);
    // A gradient ten times its usual size moves its weight further than usual (here about 3·η).
    const jump = tf.tensor1d([10, 0.1]);
    const beforeJump = position();
    optimizer.minimize(() => w.mul(jump).sum() as tf.Scalar);
    const jumped = position().map((p, i) => Math.abs(p - beforeJump[i]!));
    expect(jumped[0]! / lr).toBeCloseTo(1, 2);
    expect(jumped[1]! / lr).toBeGreaterThan(2.5);
    tf.dispose([g, jump]);
    optimizer.dispose();
  });

  it("Adam's first step in the valley moves both weights by η, although their gradients are 10 and 50", () => {
    const curvature = tf.tensor1d([1, 50]);
    const valley = (v: tf.Tensor) => v.square().mul(curvature).sum().mul(0.5) as tf.Scalar;
    const w = tf.variable(tf.tensor1d([10, 1]));
    const gradients = tf.tidy(() => Array.from(tf.grad(valley)(w).dataSync()));
    expect(gradients).toEqual([10, 50]);
    const adam = tf.train.adam(0.5);
    adam.minimize(() => valley(w));
    const moved = Array.from(w.dataSync(), (v, i) => Math.abs(v - [10, 1][i]!));
    expect(moved[0]).toBeCloseTo(0.5, 5);
    expect(moved[1]).toBeCloseTo(0.5, 5);
    adam.dispose();
    curvature.dispose();
  });
});
