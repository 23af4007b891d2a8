// The chapter's exercise checkers on real tfjs (cpu): the reference solutions pass without leaking
// tensors; the starters and realistic wrong answers fail with a message that names the mistake.
import * as tf from "@tensorflow/tfjs";
import { mulberry32 } from "@/lib/random";
import { checkBestEpoch, checkTrainValSplit } from "./overfitting-and-regularization";
import { expectAccepted, expectRejected, expectThrowReported, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

// Shuffles use Math.random: seed it, so a planted answer's failure never depends on luck.
const nativeRandom = Math.random;
beforeEach(() => {
  Math.random = mulberry32(3);
});
afterEach(() => {
  Math.random = nativeRandom;
});

describe("checkTrainValSplit", () => {
  /** The MDX solution. */
  function splitData(x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) {
    const n = x.shape[0];
    const nVal = Math.round(n * valFraction);
    // One shuffled order of the rows, shared by x and y.
    const order = tf.tensor1d(Array.from(tf.util.createShuffledIndices(n)), "int32");
    const xs = x.gather(order);
    const ys = y.gather(order);
    return { xTrain: xs.slice(nVal), yTrain: ys.slice(nVal), xVal: xs.slice(0, nVal), yVal: ys.slice(0, nVal) };
  }
  const shuffled = (n: number) => tf.tensor1d(Array.from(tf.util.createShuffledIndices(n)), "int32");

  it("accepts the reference solution and it leaves no tensors behind", async () => {
    expectAccepted(await leakFree(() => checkTrainValSplit(splitData)));
  });

  it("accepts other correct answers (tf.util.shuffle on an index array; validation taken from the end)", async () => {
    const other = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      const n = x.shape[0];
      const nTrain = n - Math.round(valFraction * n);
      const idx = Array.from({ length: n }, (_, i) => i);
      tf.util.shuffle(idx);
      const i = tf.tensor1d(idx, "int32");
      const [xTrain, xVal] = tf.split(x.gather(i), [nTrain, n - nTrain]);
      const [yTrain, yVal] = tf.split(y.gather(i), [nTrain, n - nTrain]);
      return { xTrain, yTrain, xVal, yVal };
    };
    expectAccepted(await checkTrainValSplit(other));
  });

  it("rejects the starter", async () => {
    const starter = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      void valFraction;
      return { xTrain: x, yTrain: y, xVal: x, yVal: y };
    };
    expectRejected(await leakFree(() => checkTrainValSplit(starter)), /has all 50 rows, expected 40/);
  });

  it("names x and y shuffled with different orders", async () => {
    const independent = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      const nVal = Math.round(x.shape[0] * valFraction);
      const xs = x.gather(shuffled(x.shape[0]));
      const ys = y.gather(shuffled(y.shape[0]));
      return { xTrain: xs.slice(nVal), yTrain: ys.slice(nVal), xVal: xs.slice(0, nVal), yVal: ys.slice(0, nVal) };
    };
    const r = await checkTrainValSplit(independent);
    expectRejected(r, /labels no longer belong to their features.*SAME order/);
    expect(r.messages).toContain("✓ no overlap: every example is in exactly one set");
  });

  it("names a split without shuffling", async () => {
    const noShuffle = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      const nTrain = x.shape[0] - Math.round(x.shape[0] * valFraction);
      return { xTrain: x.slice(0, nTrain), yTrain: y.slice(0, nTrain), xVal: x.slice(nTrain), yVal: y.slice(nTrain) };
    };
    expectRejected(await checkTrainValSplit(noShuffle), /exactly the last 10 rows: shuffle before splitting/);
  });

  it("names validation rows that also appear in training (a fresh shuffle for each set)", async () => {
    const leaky = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      const nVal = Math.round(x.shape[0] * valFraction);
      const a = shuffled(x.shape[0]);
      const b = shuffled(x.shape[0]);
      return {
        xTrain: x.gather(a).slice(nVal),
        yTrain: y.gather(a).slice(nVal),
        xVal: x.gather(b).slice(0, nVal),
        yVal: y.gather(b).slice(0, nVal),
      };
    };
    expectRejected(await checkTrainValSplit(leaky), /validation examples are also in the training set.*leaks/);
  });

  it("names valFraction used as the training share", async () => {
    const swapped = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      const nTrain = Math.round(x.shape[0] * valFraction);
      const order = shuffled(x.shape[0]);
      const xs = x.gather(order);
      const ys = y.gather(order);
      return { xTrain: xs.slice(0, nTrain), yTrain: ys.slice(0, nTrain), xVal: xs.slice(nTrain), yVal: ys.slice(nTrain) };
    };
    expectRejected(await checkTrainValSplit(swapped), /valFraction is the share that goes to VALIDATION/);
  });

  it("names indices drawn with replacement", async () => {
    const withReplacement = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      const n = x.shape[0];
      const nVal = Math.round(n * valFraction);
      const idx = tf.randomUniform([n], 0, n, "int32");
      const xs = x.gather(idx);
      const ys = y.gather(idx);
      return { xTrain: xs.slice(nVal), yTrain: ys.slice(nVal), xVal: xs.slice(0, nVal), yVal: ys.slice(0, nVal) };
    };
    expectRejected(await checkTrainValSplit(withReplacement), /also in the training set|appear twice and others never/);
  });

  it("names feature rows whose values were changed (normalised on the way)", async () => {
    const scaled = (x: tf.Tensor2D, y: tf.Tensor2D, valFraction: number) => {
      const parts = splitData(x.div(x.max()) as tf.Tensor2D, y, valFraction);
      return parts;
    };
    expectRejected(await checkTrainValSplit(scaled), /not rows of x: move whole rows unchanged/);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkTrainValSplit));

  it("reports a wrong return value instead of throwing", async () => {
    expectRejected(await leakFree(() => checkTrainValSplit(() => ({ xTrain: 1 }))), /missing or not a tensor: xTrain, yTrain, xVal, yVal/);
    expectRejected(
      await leakFree(() => checkTrainValSplit(() => undefined)),
      /return an object \{ xTrain, yTrain, xVal, yVal \}, got undefined/,
    );
  });
});

describe("checkBestEpoch", () => {
  /** The MDX solution (the `!` only for this repo's noUncheckedIndexedAccess). */
  function bestEpoch(trainLoss: number[], valLoss: number[]) {
    const lowest = Math.min(...valLoss);
    const i = valLoss.indexOf(lowest); // the first epoch that reaches it
    return { epoch: i + 1, gap: lowest - trainLoss[i]! };
  }
  const argmin = (a: number[]) => a.indexOf(Math.min(...a));

  it("accepts the reference solution", () => {
    expectAccepted(checkBestEpoch(bestEpoch));
  });

  it("rejects the starter", () => {
    expectRejected(
      checkBestEpoch(() => ({ epoch: 1, gap: 0 })),
      /best epoch is 5/,
    );
  });

  it("names an off-by-one epoch (the array index)", () => {
    const r = checkBestEpoch((t, v) => ({ epoch: argmin(v), gap: Math.min(...v) - t[argmin(v)]! }));
    expectRejected(r, /off by one.*epochs count from 1/);
    expect(r.messages).toContain("✓ the gap is validation loss − training loss at the best epoch, negative ones included");
  });

  it("names the epoch of the lowest training loss", () => {
    const r = checkBestEpoch((t, v) => ({ epoch: argmin(t) + 1, gap: v[argmin(t)]! - t[argmin(t)]! }));
    expectRejected(r, /lowest TRAINING loss/);
    expectRejected(r, /gap is measured where the training loss is lowest/);
  });

  it("names a gap with the wrong sign", () => {
    const r = checkBestEpoch((t, v) => ({ epoch: argmin(v) + 1, gap: t[argmin(v)]! - Math.min(...v) }));
    expectRejected(r, /wrong sign: gap = validation loss − training loss/);
    expect(r.messages[0]).toMatch(/^✓ the epoch is the first one/);
  });

  it("names a gap made positive with Math.abs", () => {
    expectRejected(
      checkBestEpoch((t, v) => ({ epoch: argmin(v) + 1, gap: Math.abs(Math.min(...v) - t[argmin(v)]!) })),
      /never negative.*no Math.abs/,
    );
  });

  it("names the gap at the last epoch", () => {
    expectRejected(
      checkBestEpoch((t, v) => ({ epoch: argmin(v) + 1, gap: v[v.length - 1]! - t[t.length - 1]! })),
      /measured at the last epoch/,
    );
  });

  it("names the later epoch of a tie (a scan with <=)", () => {
    const lastTie = (t: number[], v: number[]) => {
      let best = 0;
      for (let i = 1; i < v.length; i++) if (v[i]! <= v[best]!) best = i;
      return { epoch: best + 1, gap: v[best]! - t[best]! };
    };
    expectRejected(checkBestEpoch(lastTie), /on a tie you returned the later epoch/);
  });

  it("names the last epoch and the highest validation loss", () => {
    expectRejected(
      checkBestEpoch((t, v) => ({ epoch: v.length, gap: 0 })),
      /you returned the last epoch/,
    );
    expectRejected(
      checkBestEpoch((t, v) => ({ epoch: v.indexOf(Math.max(...v)) + 1, gap: 0 })),
      /HIGHEST validation loss/,
    );
  });

  it("is not fooled by a function that sorts its input in place", () => {
    const sorts = (t: number[], v: number[]) => {
      v.sort((a, b) => a - b);
      return { epoch: 1, gap: v[0]! - t[0]! };
    };
    expectRejected(checkBestEpoch(sorts), /best epoch is 5/);
    expect(checkBestEpoch(bestEpoch).ok).toBe(true);
  });

  it("reports a throwing function and a wrong return value instead of throwing", () => {
    expectRejected(
      checkBestEpoch(() => {
        throw new Error("boom");
      }),
      /your function threw: boom/,
    );
    expectRejected(
      checkBestEpoch(() => 3),
      /return an object \{ epoch, gap \} of two numbers/,
    );
  });
});
