// Summaries of a Monte Carlo dropout result (pure: the page and the claim test share them).
/** Average spread (one standard deviation) where there is training data, in the gap, and beyond. */
export function spreads(result: { grid: number[]; std: number[] }) {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const where = (test: (x: number) => boolean) => mean(result.grid.flatMap((x, i) => (test(x) ? [result.std[i]!] : [])));
  return {
    inData: where((x) => (x > -2.8 && x < -1) || (x > 1.4 && x < 2.8)),
    gap: where((x) => x > -0.4 && x < 0.8),
    outside: where((x) => Math.abs(x) > 4),
  };
}
