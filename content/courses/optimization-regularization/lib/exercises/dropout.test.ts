// The Dropout chapter's exercise checkers on real tfjs (cpu): the reference solutions pass
// without leaking tensors; the starters and realistic mistakes fail with a message naming them.
import * as tf from "@tensorflow/tfjs";
import { dropout } from "../scratch";
import { checkInvertedDropout, checkSpatialDropout, type LearnerDropout as Fn, type LearnerSpatialDropout as SpatialFn } from "./dropout";
import { expectAccepted, expectRejected, expectThrowReported, failures, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

/** Rounds to the nearest float16 value (10-bit mantissa), as WebGL may store tensors. */
function toFloat16(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const exponent = Math.max(Math.floor(Math.log2(Math.abs(v))), -14);
  const step = 2 ** (exponent - 10);
  return Math.round(v / step) * step;
}

/** Both exercises' MDX starter: it returns x untouched, in training too. */
const starter = (x: tf.Tensor) => x;

/** Inverted dropout with a mask of the shape `maskShape` makes of x's, broadcast over x. */
const withMask =
  <X extends tf.Tensor>(maskShape: (shape: number[]) => number[]) =>
  (x: X, rate: number, training: boolean): tf.Tensor => {
    if (!training) return x;
    const mask = tf
      .randomUniform(maskShape(x.shape))
      .less(1 - rate)
      .cast("float32");
    return x.mul(mask).div(1 - rate);
  };

describe("checkInvertedDropout (exercise implement-dropout)", () => {
  // The MDX solution, as a learner writes it: no tf.tidy, x itself returned at inference.
  const solution: Fn = (x, rate, training) => {
    if (!training) return x;
    const mask = tf
      .randomUniform(x.shape)
      .less(1 - rate)
      .cast("float32");
    return x.mul(mask).div(1 - rate);
  };

  it("accepts the solution and leaves no tensors", async () => expectAccepted(await leakFree(() => checkInvertedDropout(solution))));

  it.each<[string, Fn]>([
    ["the course library's dropout", (x, rate, training) => dropout(x, rate, { training })],
    ["tf.dropout", (x, rate, training) => (training ? tf.dropout(x, rate) : x)],
    ["tf.layers.dropout", (x, rate, training) => tf.layers.dropout({ rate }).apply(x, { training }) as tf.Tensor],
  ])("accepts %s", async (_name, fn) => expectAccepted(await leakFree(() => checkInvertedDropout(fn))));

  it("accepts a correct answer computed in float16 (WebGL on some phones)", async () => {
    let largestError = 0;
    const float16Dropout: Fn = (x, rate, training) => {
      const exact = x.dataSync();
      const xs = Array.from(exact, toFloat16);
      if (!training) return tf.tensor(xs, x.shape);
      const scale = toFloat16(1 / toFloat16(1 - rate));
      const keep = tf
        .randomUniform(x.shape)
        .less(1 - rate)
        .dataSync();
      const out = xs.map((v, i) => (keep[i] ? toFloat16(v * scale) : 0));
      out.forEach((v, i) => {
        const expected = exact[i]! / (1 - rate);
        if (v !== 0) largestError = Math.max(largestError, Math.abs(v - expected) / Math.abs(expected));
      });
      return tf.tensor(out, x.shape);
    };
    expectAccepted(await leakFree(() => checkInvertedDropout(float16Dropout)));
    // The rounding really is there: the old tolerance (1e-5) would have rejected this answer.
    expect(largestError).toBeGreaterThan(1e-4);
  });

  it("rejects the untouched starter, saying nothing was dropped (not that rows were dropped together)", async () => {
    const result = await checkInvertedDropout(starter);
    expectRejected(result, /nothing was dropped/);
    expect(failures(result)).not.toMatch(/rows or columns|shared/);
  });

  it.each<[string, Fn, RegExp]>([
    ["shares one mask of shape [1, 50, 100] across the batch", withMask((s) => [1, ...s.slice(1)]), /one mask is shared by every example/],
    ["draws one value per row (mask [8, 50, 1])", withMask((s) => [...s.slice(0, -1), 1]), /whole rows or columns are dropped together/],
    ["treats rate as the keep probability", (x, rate, training) => solution(x, 1 - rate, training), /expected about 30%.*DROP probability/],
    [
      "forgets to rescale",
      (x, rate, training) => (training ? x.mul(tf.randomUniform(x.shape).greaterEqual(rate).cast("float32")) : x),
      /not x \/ \(1 − rate\)/,
    ],
    [
      "divides by rate instead of 1 − rate",
      (x, rate, training) => (training ? x.mul(tf.randomUniform(x.shape).greaterEqual(rate).cast("float32")).div(rate) : x),
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
      (x, rate, training) => (training ? solution(x, rate, true).reshape([-1]) : x),
      /must have the input's shape \[8, 50, 100\], got \[40000\]/,
    ],
    ["reshapes the output to 2-D", (x, rate, training) => (training ? solution(x, rate, true).reshape([400, 100]) : x), /got \[400, 100\]/],
    ["scales at inference", (x, rate, training) => (training ? solution(x, rate, true) : x.mul(1 - rate)), /unchanged/],
    ["returns a number", () => 1 as unknown as tf.Tensor, /must return a tensor, got number/],
    [
      "gives up after a few calls (the tensors it did return are still freed)",
      (() => {
        // The check calls it once per rate (0.3, 0.6), then twice for a fresh mask: the 4th call fails.
        let calls = 0;
        return (x: tf.Tensor, rate: number, training: boolean) =>
          ++calls >= 4 ? (1 as unknown as tf.Tensor) : training ? solution(x, rate, true) : x;
      })(),
      /must return a tensor, got number/,
    ],
  ])("rejects a version that %s", async (_name, fn, message) => expectRejected(await leakFree(() => checkInvertedDropout(fn)), message));

  it("rejects a version that reuses one mask", async () => {
    let mask: tf.Tensor | undefined;
    const reused: Fn = (x, _rate, training) => {
      if (!training) return x;
      mask ??= tf.keep(tf.randomUniform(x.shape, 0, 1, "float32", 1).greaterEqual(0.5).cast("float32"));
      return x.mul(mask).div(0.5);
    };
    expectRejected(await checkInvertedDropout(reused), /same mask/);
    mask?.dispose();
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkInvertedDropout));
});

describe("checkSpatialDropout (exercise spatial-dropout)", () => {
  // The MDX solution.
  const solution: SpatialFn = (x, rate, training) => {
    if (!training) return x;
    const [batch, , , channels] = x.shape;
    const mask = tf
      .randomUniform([batch, 1, 1, channels])
      .less(1 - rate)
      .cast("float32");
    return x.mul(mask).div(1 - rate);
  };

  it("accepts the solution and leaves no tensors", async () => expectAccepted(await leakFree(() => checkSpatialDropout(solution))));

  it.each<[string, SpatialFn]>([
    ["tf.dropout with a noise shape", (x, rate, training) => (training ? tf.dropout(x, rate, [x.shape[0], 1, 1, x.shape[3]]) : x)],
    [
      "tf.layers.dropout with noiseShape",
      (x, rate, training) => tf.layers.dropout({ rate, noiseShape: [x.shape[0], 1, 1, x.shape[3]] }).apply(x, { training }) as tf.Tensor,
    ],
  ])("accepts %s", async (_name, fn) => expectAccepted(await leakFree(() => checkSpatialDropout(fn))));

  it("rejects the untouched starter, saying nothing was dropped", async () =>
    expectRejected(await leakFree(() => checkSpatialDropout(starter)), /nothing was dropped/));

  it.each<[string, SpatialFn, RegExp]>([
    ["drops single pixels (plain dropout)", withMask((s) => s), /only partly dropped.*\[batch, 1, 1, channels\]/],
    ["drops pixels across all channels (mask [batch, height, width, 1])", withMask(([b, h, w]) => [b!, h!, w!, 1]), /only partly dropped/],
    [
      "shares one channel mask across the batch ([1, 1, 1, channels])",
      withMask((s) => [1, 1, 1, s[3]!]),
      /every example drops the same channels/,
    ],
    ["drops whole examples ([batch, 1, 1, 1])", withMask((s) => [s[0]!, 1, 1, 1]), /all channels of an example are dropped together/],
    ["puts channels first ([batch, channels, 1, 1])", withMask((s) => [s[0]!, s[3]!, 1, 1]), /your function threw/],
    ["treats rate as the keep probability", (x, rate, training) => solution(x, 1 - rate, training), /expected about 30%/],
    ["forgets to rescale", (x, rate, training) => (training ? solution(x, rate, true).mul(1 - rate) : x), /not x \/ \(1 − rate\)/],
    ["scales at inference", (x, rate, training) => (training ? solution(x, rate, true) : x.mul(1 - rate)), /unchanged/],
  ])("rejects a version that %s", async (_name, fn, message) => expectRejected(await leakFree(() => checkSpatialDropout(fn)), message));

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkSpatialDropout));
});
