// The early-stopping and augmentation exercises' checkers on real tfjs (cpu): the reference
// solutions pass (leak-free), the starters and planted mistakes fail with a message naming them.
import * as tf from "@tensorflow/tfjs";
import { checkEarlyStopping, checkRandomFlip, type EarlyStoppingFn, type RandomFlipFn } from "./early-stopping";
import { expectAccepted, expectRejected, expectThrowReported, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

describe("checkEarlyStopping", () => {
  // Same code as the lesson's solution.
  const solution: EarlyStoppingFn = (valLosses, patience, minDelta) => {
    let best = Infinity;
    let bestEpoch = -1;
    let wait = 0;
    for (const [epoch, loss] of valLosses.entries()) {
      if (loss < best - minDelta) {
        best = loss;
        bestEpoch = epoch;
        wait = 0;
      } else {
        wait += 1;
        if (wait >= patience) return { stopEpoch: epoch, bestEpoch };
      }
    }
    return { stopEpoch: null, bestEpoch };
  };
  // The lesson's starter: the loop body is still to be written.
  const starter: EarlyStoppingFn = (valLosses) => {
    const bestEpoch = -1;
    for (const _epoch of valLosses.entries()) {
      // TODO
    }
    return { stopEpoch: null, bestEpoch };
  };

  type Variant = {
    late?: number;
    improves?: (loss: number, best: number, previous: number, d: number) => boolean;
    restore?: "end" | "argmin";
  };
  /** A learner's loop with one thing done differently. */
  const variant =
    (v: Variant): EarlyStoppingFn =>
    (valLosses, patience, minDelta) => {
      const improves = v.improves ?? ((loss, best, _p, d) => loss < best - d);
      let best = Infinity;
      let previous = Infinity;
      let bestEpoch = -1;
      let wait = 0;
      let lowest = 0;
      for (const [epoch, loss] of valLosses.entries()) {
        if (loss < (valLosses[lowest] ?? Infinity)) lowest = epoch;
        if (improves(loss, best, previous, minDelta)) {
          best = loss;
          bestEpoch = epoch;
          wait = 0;
        } else {
          wait += 1;
          if (wait >= patience + (v.late ?? 0)) {
            const restored = v.restore === "end" ? epoch : v.restore === "argmin" ? lowest : bestEpoch;
            return { stopEpoch: epoch, bestEpoch: restored };
          }
        }
        previous = loss;
      }
      const end = valLosses.length - 1;
      return { stopEpoch: null, bestEpoch: v.restore === "end" ? end : v.restore === "argmin" ? lowest : bestEpoch };
    };

  it("accepts the solution", () => {
    const r = checkEarlyStopping(solution);
    expectAccepted(r);
    expect(r.messages.filter((m) => m.startsWith("✓")).length).toBe(6);
  });

  it("accepts the lesson cell's form of the rule (epochs since the best ≥ patience)", () => {
    const r = checkEarlyStopping((losses, patience, minDelta) => {
      let best = { loss: Infinity, epoch: -1 };
      for (const [epoch, loss] of losses.entries()) {
        if (loss < best.loss - minDelta) best = { loss, epoch };
        else if (epoch - best.epoch >= patience) return { stopEpoch: epoch, bestEpoch: best.epoch };
      }
      return { stopEpoch: null, bestEpoch: best.epoch };
    });
    expect(r.ok).toBe(true);
  });

  it("rejects the starter", () => {
    expectRejected(checkEarlyStopping(starter), /you return never stop, best -1, expected stop at 4, best 2/);
  });

  it.each([
    ["stopping one epoch late (wait > patience)", variant({ late: 1 }), /one epoch late/],
    ["stopping one epoch early (wait ≥ patience − 1)", variant({ late: -1 }), /one epoch early/],
    ["ignoring minDelta", variant({ improves: (loss, best) => loss < best }), /minDelta is ignored/],
    ["minDelta with the wrong sign", variant({ improves: (loss, best, _p, d) => loss < best + d }), /minDelta has the wrong sign/],
    [
      "counting a tie as an improvement",
      variant({ improves: (loss, best, _p, d) => loss <= best - d }),
      /equal loss counted as an improvement/,
    ],
    [
      "comparing with the previous epoch",
      variant({ improves: (loss, _b, previous, d) => loss < previous - d }),
      /compare each loss with the previous epoch/,
    ],
    ["restoring the last epoch", variant({ restore: "end" }), /restore the epoch of the last improvement/],
    ["restoring the lowest loss regardless of minDelta", variant({ restore: "argmin" }), /last epoch that counted as an improvement/],
  ])("rejects %s and names it", (_name, fn, phrase) => {
    expectRejected(checkEarlyStopping(fn), phrase);
  });

  it("explains the rule when no known mistake fits", () => {
    expectRejected(
      checkEarlyStopping(() => ({ stopEpoch: 0, bestEpoch: 0 })),
      /the rule: an epoch improves if loss < best − minDelta/,
    );
  });

  it("reports a throwing function and a malformed answer instead of throwing", () => {
    expectRejected(
      checkEarlyStopping(() => {
        throw new Error("oops");
      }),
      /your function threw: oops/,
    );
    expectRejected(checkEarlyStopping((() => 3) as unknown as EarlyStoppingFn), /return \{ stopEpoch, bestEpoch \}/);
  });
});

describe("checkRandomFlip", () => {
  // Same code as the lesson's solution.
  const solution: RandomFlipFn = (images, labels) => {
    const flipped = tf.image.flipLeftRight(images);
    const coin = tf.randomUniform([images.shape[0], 1, 1, 1]).less(0.5); // one coin per image
    return { images: tf.where(coin, flipped, images), labels };
  };
  const starter: RandomFlipFn = (images, labels) => ({ images, labels });

  /** Flips with a per-image coin, but with `flip` instead of a left–right mirror. */
  const withCoin =
    (flip: (x: tf.Tensor4D) => tf.Tensor4D, p = 0.5, seed?: number): RandomFlipFn =>
    (images, labels) => {
      const coin = tf.randomUniform([images.shape[0], 1, 1, 1], 0, 1, "float32", seed).less(p);
      return { images: tf.where(coin, flip(images), images), labels };
    };

  it("accepts the solution and leaves no tensors behind", async () => {
    const r = await leakFree(() => checkRandomFlip(solution));
    expectAccepted(r);
  });

  it("accepts the same flip written with tf.reverse on the width axis", async () => {
    const r = await checkRandomFlip(withCoin((x) => tf.reverse(x, 2)));
    expect(r.ok).toBe(true);
  });

  it("rejects the starter", async () => {
    expectRejected(await checkRandomFlip(starter), /no image was ever flipped/);
  });

  // A coin per batch agrees in all 20 calls with probability 2^-19, the only way that case could pass the other message.
  it.each([
    [
      "one coin for the whole batch",
      ((images, labels) => ({ images: Math.random() < 0.5 ? tf.image.flipLeftRight(images) : images.clone(), labels })) as RandomFlipFn,
      /whole batch is flipped or kept together/,
    ],
    [
      "flipping every image",
      ((images, labels) => ({ images: tf.image.flipLeftRight(images), labels })) as RandomFlipFn,
      /every image was flipped/,
    ],
    ["flipping top to bottom (axis 1)", withCoin((x) => tf.reverse(x, 1)), /flipped top to bottom/],
    ["reversing the channels (axis 3)", withCoin((x) => tf.reverse(x, 3)), /colour channels reversed/],
    ["reversing the batch axis (axis 0)", withCoin((x) => tf.reverse(x, 0)), /moved to another place in the batch/],
    ["changing pixel values", withCoin((x) => tf.image.flipLeftRight(x).mul(0.9)), /must not change their values/],
    [
      "changing the labels",
      ((images, labels) => ({ images: solution(images, labels).images, labels: labels.add(1) })) as RandomFlipFn,
      /the labels changed/,
    ],
    ["flipping with probability 0.1", withCoin((x) => tf.image.flipLeftRight(x), 0.1), /expected about 50%/],
    ["the same coins on every call (fixed seed)", withCoin((x) => tf.image.flipLeftRight(x), 0.5, 42), /exactly the same images/],
  ])("rejects %s and names it", async (_name, fn, phrase) => {
    expectRejected(await leakFree(() => checkRandomFlip(fn)), phrase);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkRandomFlip));

  it("reports a wrong return value instead of throwing", async () => {
    expectRejected(
      await leakFree(() => checkRandomFlip(((images: tf.Tensor4D) => images.clone()) as unknown as RandomFlipFn)),
      /return an object/,
    );
  });
});
