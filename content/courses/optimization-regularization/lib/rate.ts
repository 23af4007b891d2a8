// Validates a dropout rate (the probability of ZEROING a unit, as in PyTorch and tfjs).

/** Throws a RangeError unless 0 ≤ rate < 1. */
export function assertDropoutRate(rate: unknown): asserts rate is number {
  if (typeof rate !== "number" || Number.isNaN(rate) || rate < 0 || rate >= 1) {
    throw new RangeError(`dropout rate must be a number in [0, 1) — the probability of dropping a unit — but got ${String(rate)}`);
  }
}
