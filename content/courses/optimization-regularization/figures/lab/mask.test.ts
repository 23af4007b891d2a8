// The mask figure's arithmetic: masks drop the share the rate says, eval is the identity, and
// many passes reproduce E[h′] = h and Var[h′] = h²·p/(1−p) (fixed seeds, so failures repeat).
import { defined } from "@/lib/invariant";
import {
  addPass,
  droppedShare,
  emptyStats,
  forwardPass,
  makeMaskNet,
  MASK_NET_SIZES,
  mulberry32,
  relu,
  runPasses,
  sampleVariance,
  theoryVariance,
} from "./mask";

const net = makeMaskNet();
/** Entry i of one of the net's vectors (the test fails if it has none). */
const at = (values: number[], i: number) => defined(values[i], `entry ${i} of ${values.length}`);

describe("makeMaskNet", () => {
  it("has the figure's sizes and h = ReLU(W1·x + b1), with every hidden unit active", () => {
    expect(net.x).toHaveLength(MASK_NET_SIZES.inputs);
    expect(net.h).toHaveLength(MASK_NET_SIZES.hidden);
    expect(net.w2).toHaveLength(MASK_NET_SIZES.outputs);
    expect(net.w1).toHaveLength(net.h.length);
    net.w1.forEach((row, j) => {
      const pre = row.reduce((sum, w, i) => sum + w * at(net.x, i), at(net.b1, j));
      const h = at(net.h, j);
      expect(h).toBeCloseTo(relu(pre), 12);
    });
    // The figure teaches with live units: a unit with h = 0 would look dropped when it is not.
    expect(Math.min(...net.h)).toBeGreaterThan(0.1);
    expect(makeMaskNet()).toEqual(net); // seeded: the same on the server and in the browser
  });

  it("zeroes negative pre-activations (ReLU)", () => {
    expect([relu(-2), relu(0), relu(1.5)]).toEqual([0, 0, 1.5]);
  });
});

describe("forwardPass", () => {
  it.each([0.1, 0.3, 0.5, 0.9])("drops about a share p = %p of units over many passes", (rate) => {
    const { stats } = runPasses(net, rate, "train", mulberry32(1), 20_000, emptyStats(net.h.length));
    // 240,000 Bernoulli draws: the standard error is at most 0.001.
    expect(Math.abs(droppedShare(stats) - rate)).toBeLessThan(0.005);
  });

  it("zeroes dropped units and scales survivors by exactly 1/(1 − p)", () => {
    const uniform = mulberry32(3);
    let sawBoth = false;
    for (let n = 0; n < 50; n += 1) {
      const pass = forwardPass(net, 0.25, "train", uniform);
      pass.hPrime.forEach((v, i) => (pass.kept[i] ? expect(v).toBeCloseTo(at(net.h, i) / 0.75, 12) : expect(v).toBe(0)));
      net.w2.forEach((row, k) =>
        expect(at(pass.y, k)).toBeCloseTo(
          row.reduce((s, w, i) => s + w * at(pass.hPrime, i), at(net.b2, k)),
          12,
        ),
      );
      if (pass.kept.includes(true) && pass.kept.includes(false)) sawBoth = true;
    }
    expect(sawBoth).toBe(true);
  });

  it.each([0, 0.5, 0.9])("in eval mode drops nothing and scales nothing (rate %p)", (rate) => {
    const uniform = mulberry32(4);
    for (let n = 0; n < 100; n += 1) {
      const pass = forwardPass(net, rate, "eval", uniform);
      expect(pass.kept.every(Boolean)).toBe(true);
      expect(pass.hPrime).toEqual(net.h);
    }
  });

  it("with rate 0 in training keeps every unit unscaled", () => {
    const pass = forwardPass(net, 0, "train", mulberry32(5));
    expect(pass.kept.every(Boolean)).toBe(true);
    expect(pass.hPrime).toEqual(net.h);
  });

  it("draws a fresh mask each pass, the same sequence for the same seed", () => {
    const masks = (seed: number) => {
      const uniform = mulberry32(seed);
      return Array.from({ length: 20 }, () => forwardPass(net, 0.5, "train", uniform).kept.join());
    };
    expect(masks(9)).toEqual(masks(9));
    expect(masks(9)).not.toEqual(masks(10));
    expect(new Set(masks(9)).size).toBeGreaterThan(15);
  });

  it.each([-0.1, 1, Number.NaN])("rejects the rate %p", (rate) => {
    expect(() => forwardPass(net, rate, "train", mulberry32(1))).toThrow(RangeError);
  });
});

describe("running statistics", () => {
  it("match a two-pass mean and sample variance of the same values", () => {
    const uniform = mulberry32(11);
    const values: number[][] = [];
    let stats = emptyStats(net.h.length);
    for (let n = 0; n < 500; n += 1) {
      const pass = forwardPass(net, 0.4, "train", uniform);
      values.push(pass.hPrime);
      stats = addPass(stats, pass);
    }
    net.h.forEach((_, i) => {
      const column = values.map((v) => at(v, i));
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / (column.length - 1);
      expect(stats.mean[i]).toBeCloseTo(mean, 10);
      expect(sampleVariance(stats, i)).toBeCloseTo(variance, 10);
    });
    expect(stats.dropped).toBe(values.flat().filter((v) => v === 0).length);
  });

  it("have no variance before two passes", () => {
    const one = addPass(emptyStats(net.h.length), forwardPass(net, 0.5, "train", mulberry32(1)));
    expect(sampleVariance(one, 0)).toBeNaN();
    expect(droppedShare(emptyStats(3))).toBeNaN();
  });

  it.each([
    [0.2, 21],
    [0.5, 22],
    [0.8, 23],
  ])("converge to E[h′] = h and Var[h′] = h²·p/(1−p) at p = %p (seed %p)", (rate, seed) => {
    const passes = 50_000;
    const { stats } = runPasses(net, rate, "train", mulberry32(seed), passes, emptyStats(net.h.length));
    net.h.forEach((h, i) => {
      const variance = theoryVariance(h, rate, "train");
      // Within 4 standard errors of the mean; the sample variance within 8% of the theory.
      expect(Math.abs(at(stats.mean, i) - h)).toBeLessThan(4 * Math.sqrt(variance / passes));
      expect(Math.abs(sampleVariance(stats, i) / variance - 1)).toBeLessThan(0.08);
    });
  });

  it("in eval mode have mean h and variance 0, as the theory says", () => {
    const { stats } = runPasses(net, 0.5, "eval", mulberry32(1), 100, emptyStats(net.h.length));
    net.h.forEach((h, i) => {
      expect(stats.mean[i]).toBeCloseTo(h, 12);
      expect(sampleVariance(stats, i)).toBeCloseTo(0, 12);
      expect(theoryVariance(h, 0.5, "eval")).toBe(0);
    });
    expect(stats.dropped).toBe(0);
  });
});
