// The mask figure's arithmetic: a tiny seeded MLP, inverted-dropout forward passes with a fresh
// Bernoulli mask each time, and running per-unit statistics of h′ (plain TypeScript, no tfjs).
import { defined, invariant } from "@/lib/invariant";
import { mulberry32 } from "@/lib/random";

export { mulberry32 };

export type Mode = "train" | "eval";

/** Sizes of the network the figure draws (the lesson's MLP, made small). */
export const MASK_NET_SIZES = { inputs: 4, hidden: 12, outputs: 3 } as const;
/** Seed of the weights and input: chosen so every hidden unit is active (h > 0) after ReLU. */
export const MASK_NET_SEED = 32;
/** Seed of the masks, so the page shows the same first pass on the server and in the browser. */
export const MASK_SEED = 2014;

/** A fixed input pushed through fixed weights. Shapes: x [inputs], w1 [hidden][inputs], w2 [outputs][hidden]. */
export type MaskNet = {
  x: number[];
  w1: number[][];
  b1: number[];
  /** Hidden activations after ReLU, before dropout: the h of the lesson. */
  h: number[];
  w2: number[][];
  b2: number[];
};

export const relu = (v: number) => (v > 0 ? v : 0);

/** values[i] where i is in range by construction (the vectors of one net share their sizes). */
const at = (values: readonly number[], i: number) => defined(values[i], `entry ${i} of a vector of ${values.length}`);

/** bias + Σ row_i·v_i, summed in that order (the seeded figure stays the same to the last bit). */
function affine(row: readonly number[], v: readonly number[], bias: number): number {
  invariant(row.length === v.length, `a row of ${row.length} weights against ${v.length} values`);
  return row.reduce((sum, w, i) => sum + w * at(v, i), bias);
}

/** Builds the figure's network from a seed: inputs in [0, 1], weights in [-1, 1], h = ReLU(W1·x + b1). */
export function makeMaskNet(sizes: { inputs: number; hidden: number; outputs: number } = MASK_NET_SIZES, seed = MASK_NET_SEED): MaskNet {
  const uniform = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * uniform();
  const x = Array.from({ length: sizes.inputs }, () => between(0, 1));
  const w1 = Array.from({ length: sizes.hidden }, () => Array.from({ length: sizes.inputs }, () => between(-1, 1)));
  const b1 = Array.from({ length: sizes.hidden }, () => between(0.4, 1));
  const w2 = Array.from({ length: sizes.outputs }, () => Array.from({ length: sizes.hidden }, () => between(-1, 1)));
  const b2 = Array.from({ length: sizes.outputs }, () => between(-0.1, 0.1));
  const h = w1.map((row, j) => relu(affine(row, x, at(b1, j))));
  return { x, w1, b1, h, w2, b2 };
}

/** One forward pass through the dropout layer and the output layer. */
export type Pass = {
  /** d_i: true where unit i survived (always true in eval mode). */
  kept: boolean[];
  /** h′_i = d_i·h_i/(1−p) in training mode; h_i in eval mode. */
  hPrime: number[];
  /** y = W2·h′ + b2. */
  y: number[];
};

/** Throws unless 0 ≤ rate < 1 (the probability of DROPPING a unit, as in PyTorch and tfjs). */
export function assertRate(rate: number) {
  if (!Number.isFinite(rate) || rate < 0 || rate >= 1) throw new RangeError(`drop rate must be in [0, 1), got ${rate}`);
}

/**
 * Inverted dropout on the net's hidden layer. Training: each unit is dropped with probability
 * `rate` (d_i ~ Bernoulli(1 − rate)) and survivors are scaled by 1/(1 − rate). Eval: identity.
 */
export function forwardPass(net: MaskNet, rate: number, mode: Mode, uniform: () => number): Pass {
  assertRate(rate);
  const kept = net.h.map(() => (mode === "train" ? uniform() >= rate : true));
  const scale = mode === "train" ? 1 / (1 - rate) : 1;
  const hPrime = net.h.map((h, i) => (kept[i] ? h * scale : 0));
  const y = net.w2.map((row, k) => affine(row, hPrime, at(net.b2, k)));
  return { kept, hPrime, y };
}

/** Per-unit running mean and sum of squared deviations of h′ (Welford), plus drop counts. */
export type MaskStats = { passes: number; dropped: number; units: number; mean: number[]; m2: number[] };

export function emptyStats(units: number): MaskStats {
  return { passes: 0, dropped: 0, units, mean: new Array(units).fill(0), m2: new Array(units).fill(0) };
}

/** Adds one pass (returns new statistics; the old object is left as it was). */
export function addPass(stats: MaskStats, pass: Pass): MaskStats {
  invariant(pass.hPrime.length === stats.units, `a pass of ${pass.hPrime.length} units for statistics of ${stats.units}`);
  const passes = stats.passes + 1;
  const mean: number[] = [];
  const m2: number[] = [];
  for (const [i, value] of pass.hPrime.entries()) {
    const delta = value - at(stats.mean, i);
    const newMean = at(stats.mean, i) + delta / passes;
    mean.push(newMean);
    m2.push(at(stats.m2, i) + delta * (value - newMean));
  }
  const dropped = stats.dropped + pass.kept.filter((k) => !k).length;
  return { passes, dropped, units: stats.units, mean, m2 };
}

/** Running mean of h′ for unit i. */
export function unitMean(stats: MaskStats, i: number): number {
  return at(stats.mean, i);
}

/** Sample variance (n − 1 in the denominator) of h′ for unit i; NaN with fewer than 2 passes. */
export function sampleVariance(stats: MaskStats, i: number): number {
  return stats.passes < 2 ? Number.NaN : at(stats.m2, i) / (stats.passes - 1);
}

/** Share of all unit draws so far that were dropped (NaN before the first pass). */
export function droppedShare(stats: MaskStats): number {
  return stats.passes === 0 ? Number.NaN : stats.dropped / (stats.passes * stats.units);
}

/** Var[h′] = h²·p/(1 − p) in training mode (h′ is h/(1−p) or 0); 0 in eval mode (h′ = h). */
export function theoryVariance(h: number, rate: number, mode: Mode): number {
  return mode === "train" ? (h * h * rate) / (1 - rate) : 0;
}

/** Runs `count` passes, returning the statistics and the last pass (the one to draw). */
export function runPasses(net: MaskNet, rate: number, mode: Mode, uniform: () => number, count: number, stats: MaskStats) {
  let last = forwardPass(net, rate, mode, uniform);
  let next = addPass(stats, last);
  for (let n = 1; n < count; n += 1) {
    last = forwardPass(net, rate, mode, uniform);
    next = addPass(next, last);
  }
  return { stats: next, pass: last };
}
