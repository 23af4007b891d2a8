// The experiment's data for a configuration (pure: the page draws the same points it trains on).
import { makeMoons, type Points } from "./moons";
import type { ExperimentConfig } from "./schema";

/** Validation points: many, from the same distribution, never trained on. */
export const VALIDATION_SIZE = 500;

export type ExperimentData = { train: Points; val: Points };

/** Training and validation sets drawn with different seeds from the same distribution. */
export function experimentData(config: Pick<ExperimentConfig, "seed" | "trainSize" | "noise" | "flip">): ExperimentData {
  const common = { noise: config.noise, flip: config.flip };
  return {
    train: makeMoons({ ...common, n: config.trainSize, seed: config.seed * 31 + 1 }),
    val: makeMoons({ ...common, n: VALIDATION_SIZE, seed: config.seed * 31 + 2 }),
  };
}
