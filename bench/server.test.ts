// The benchmarks' percentile: nearest rank on sorted numbers, NaN (not undefined) for none.
import { percentile } from "./server.mjs";

it("takes the nearest rank of sorted numbers", () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  expect([percentile(sorted, 0), percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([1, 6, 10, 10]);
});

it("is NaN for a run without one answered request, so its figures still print", () => {
  expect(percentile([], 50)).toBeNaN();
  expect(percentile([], 99).toFixed(1)).toBe("NaN");
});
