// Two interleaving half-moons in 2-D with position noise and flipped labels: a data set on which
// a wide network overfits visibly within a few hundred full-batch steps.
import { gaussian, mulberry32 } from "@/lib/random";

/** n points: xs holds [x0, y0, x1, y1, …] (shape [n, 2]); labels are 0 or 1. */
export type Points = { xs: Float32Array; labels: Int32Array; n: number };

export type MoonsOptions = {
  n: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise: number;
  /** Share of points whose label is flipped (label noise). */
  flip: number;
  seed: number;
};

export function makeMoons({ n, noise, flip, seed }: MoonsOptions): Points {
  const uniform = mulberry32(seed);
  const normal = gaussian(uniform);
  const xs = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const label = i % 2;
    const t = Math.PI * uniform();
    // Upper moon centred at (0, 0); lower moon shifted to (1, 0.5) and flipped.
    const x = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    xs[2 * i] = x + noise * normal();
    xs[2 * i + 1] = y + noise * normal();
    labels[i] = uniform() < flip ? 1 - label : label;
  }
  return { xs, labels, n };
}

/** The square the plots and the decision-boundary grid cover. */
export const MOONS_DOMAIN = { x: [-1.75, 2.75], y: [-1.5, 2] } as const;
