// The experiment's data: reproducible, balanced, noisy as configured.
import { makeMoons } from "./moons";

it("is reproducible for a seed and different across seeds", () => {
  const a = makeMoons({ n: 50, noise: 0.2, flip: 0.1, seed: 3 });
  const b = makeMoons({ n: 50, noise: 0.2, flip: 0.1, seed: 3 });
  const c = makeMoons({ n: 50, noise: 0.2, flip: 0.1, seed: 4 });
  expect(Array.from(a.xs)).toEqual(Array.from(b.xs));
  expect(Array.from(a.xs)).not.toEqual(Array.from(c.xs));
});

it("flips about the requested share of labels", () => {
  const clean = makeMoons({ n: 4000, noise: 0, flip: 0, seed: 1 });
  const noisy = makeMoons({ n: 4000, noise: 0, flip: 0.1, seed: 1 });
  // Without flips the labels alternate 0, 1, 0, 1 (balanced classes).
  expect(Array.from(clean.labels).every((l, i) => l === i % 2)).toBe(true);
  const flipped = Array.from(noisy.labels).filter((l, i) => l !== i % 2).length / 4000;
  expect(flipped).toBeGreaterThan(0.08);
  expect(flipped).toBeLessThan(0.12);
});

it("puts noise-free points on the two half-circles", () => {
  const { xs, labels, n } = makeMoons({ n: 200, noise: 0, flip: 0, seed: 2 });
  for (let i = 0; i < n; i += 1) {
    const [cx, cy] = labels[i] === 0 ? [0, 0] : [1, 0.5];
    expect(Math.hypot(xs[2 * i]! - cx, xs[2 * i + 1]! - cy)).toBeCloseTo(1, 5);
  }
});
