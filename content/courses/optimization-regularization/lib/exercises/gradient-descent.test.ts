// The checkers of the chapter "gradient-descent" on real tfjs (cpu): the lesson's solutions pass
// without leaking tensors; the starters and typical mistakes fail with a message that names them.
import * as tf from "@tensorflow/tfjs";
import { checkMiniBatches, checkSgdStep, type LearnerMiniBatches, type LearnerSgdStep } from "./gradient-descent";
import { expectAccepted, expectRejected, expectThrowReported, leakFree, setUpTfjsCpu } from "./test-support";

setUpTfjsCpu();

describe("checkSgdStep", () => {
  // The lesson's solution.
  const solution: LearnerSgdStep = (w, grad, lr) => w.sub(grad.mul(lr));

  it("accepts the solution and leaves no tensors", async () => {
    const r = await leakFree(() => checkSgdStep(solution));
    expectAccepted(r);
    expect(r.messages.filter((m) => m.startsWith("✓ "))).toHaveLength(2);
  });

  it("accepts an equivalent answer written with tf functions", async () => {
    expectAccepted(await leakFree(() => checkSgdStep((w, grad, lr) => tf.add(w, tf.mul(-lr, grad)))));
  });

  it("rejects the starter, which returns w unchanged", async () => {
    expectRejected(await leakFree(() => checkSgdStep((w) => w)), /did not move/);
  });

  it.each<[string, LearnerSgdStep, RegExp]>([
    ["adds the step (sign error)", (w, g, lr) => w.add(g.mul(lr)), /uphill/],
    ["forgets the learning rate", (w, g) => w.sub(g), /ignores the learning rate/],
    ["divides by the learning rate", (w, g, lr) => w.sub(g.div(lr)), /divided the gradient by the learning rate/],
    ["returns the step, not the new weights", (_w, g, lr) => g.mul(lr), /returned the step alone/],
    ["flattens the weights", (w, g, lr) => w.sub(g.mul(lr)).reshape([-1]), /shape \[12\], expected w's shape \[3, 4\]/],
    ["uses a fixed learning rate", (w, g) => w.sub(g.mul(0.1)), /lr = 0\.02.*expected/],
  ])("rejects an answer that %s", async (_name, fn, mistake) => {
    expectRejected(await leakFree(() => checkSgdStep(fn)), mistake);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkSgdStep));

  it("reports a function that returns no tensor", async () => {
    const r = await leakFree(() => checkSgdStep((w) => w.arraySync() as unknown as tf.Tensor));
    expectRejected(r, /must return a tensor/);
  });
});

describe("checkMiniBatches", () => {
  // The lesson's solution.
  const solution: LearnerMiniBatches = (x, y, batchSize) => {
    const n = x.shape[0];
    const order = Array.from(tf.util.createShuffledIndices(n));
    const batches: [tf.Tensor, tf.Tensor][] = [];
    for (let start = 0; start < n; start += batchSize) {
      const indices = order.slice(start, start + batchSize);
      batches.push([tf.gather(x, indices), tf.gather(y, indices)]);
    }
    return batches;
  };

  /** The solution with one thing changed: how indices are ordered and where the loop stops. */
  function variant(opts: {
    order?: (n: number) => number[];
    end?: (n: number, batchSize: number) => number;
    inclusive?: boolean;
    labels?: (indices: number[]) => number[];
  }): LearnerMiniBatches {
    return (x, y, batchSize) => {
      const n = x.shape[0];
      const order = opts.order ? opts.order(n) : Array.from(tf.util.createShuffledIndices(n));
      const end = opts.end ? opts.end(n, batchSize) : n;
      const batches: [tf.Tensor, tf.Tensor][] = [];
      for (let start = 0; opts.inclusive ? start <= end : start < end; start += batchSize) {
        const indices = order.slice(start, start + batchSize);
        batches.push([tf.gather(x, indices), tf.gather(y, opts.labels ? opts.labels(indices) : indices)]);
      }
      return batches;
    };
  }

  it("accepts the solution and leaves no tensors", async () => {
    const r = await leakFree(() => checkMiniBatches(solution));
    expectAccepted(r);
    expect(r.messages.filter((m) => m.startsWith("✓ ")).length).toBeGreaterThanOrEqual(5);
  });

  it("accepts the solution every time (no luck involved)", async () => {
    for (let i = 0; i < 20; i++) expectAccepted(await checkMiniBatches(solution));
  });

  it("rejects the starter, one unshuffled batch of everything", async () => {
    const r = await leakFree(() => checkMiniBatches((x, y) => [[x, y]]));
    expectRejected(r, /expected batch sizes 16, 16, 16, 2, got 50/);
    expectRejected(r, /original order/);
  });

  const randomInts = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * n));
  const sequence = (n: number) => Array.from({ length: n }, (_, i) => i);

  it.each<[string, LearnerMiniBatches, RegExp]>([
    ["never shuffles", variant({ order: sequence }), /original order/],
    ["samples indices with replacement", variant({ order: randomInts }), /appear more than once.*createShuffledIndices/],
    ["drops the last, smaller batch", variant({ end: (n, b) => Math.floor(n / b) * b }), /last, smaller batch of 2 examples is missing/],
    ["loops with start ≤ n", variant({ inclusive: true }), /last batch is empty.*start < n/],
    [
      "shuffles x and y separately",
      variant({ labels: (indices) => indices.map(() => Math.floor(Math.random() * 50)) }),
      /labels no longer match their inputs/,
    ],
    [
      "shuffles once, outside the function",
      (() => {
        const once = Array.from(tf.util.createShuffledIndices(50));
        return variant({ order: () => once });
      })(),
      /same order: draw a new shuffle inside the function/,
    ],
    [
      "shuffles only inside each batch",
      (x, y, batchSize) => {
        const batches: [tf.Tensor, tf.Tensor][] = [];
        for (let start = 0; start < 50; start += batchSize) {
          const indices = sequence(Math.min(batchSize, 50 - start)).map((i) => start + i);
          tf.util.shuffle(indices);
          batches.push([tf.gather(x, indices), tf.gather(y, indices)]);
        }
        return batches;
      },
      /same consecutive examples.*shuffle the whole data set first/,
    ],
    [
      "gathers on the wrong axis",
      (x, y, batchSize) => {
        const order = Array.from(tf.util.createShuffledIndices(50));
        const batches: [tf.Tensor, tf.Tensor][] = [];
        for (let start = 0; start < 50; start += batchSize) {
          const indices = order.slice(start, start + batchSize).map((i) => i % 3);
          batches.push([tf.gather(x, indices, 1), tf.gather(y, indices)]);
        }
        return batches;
      },
      /must hold whole rows, shape \[batch size, 3\] \(gather on axis 0\)/,
    ],
  ])("rejects an answer that %s", async (_name, fn, mistake) => {
    expectRejected(await leakFree(() => checkMiniBatches(fn)), mistake);
  });

  it("rejects the Uint32Array-to-gather mistake by reporting the throw", async () => {
    const r = await leakFree(() =>
      checkMiniBatches((x, y) => {
        const order = tf.util.createShuffledIndices(50) as unknown as number[];
        return [[tf.gather(x, order), tf.gather(y, order)]];
      }),
    );
    expectRejected(r, /your function threw: .*gather/);
  });

  it("rejects an empty epoch without crediting its order or labels", async () => {
    const r = await leakFree(() => checkMiniBatches(() => []));
    expectRejected(r, /got no batches/);
    expect(r.messages.filter((m) => m.startsWith("✓ "))).toEqual([]);
  });

  it("reports a function that returns the wrong form", async () => {
    const r = await leakFree(() => checkMiniBatches((x, y) => ({ x, y }) as unknown as [tf.Tensor, tf.Tensor][]));
    expectRejected(r, /array of \[xBatch, yBatch\] pairs/);
  });

  it("reports a throwing function instead of throwing", () => expectThrowReported(checkMiniBatches));
});
