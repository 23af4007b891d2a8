// Default settings of the lab demos, without zod (the lesson page imports these in its first load).
import type { McConfig } from "./mc-schema";
import type { ExperimentConfig } from "./schema";

export const DEFAULT_EXPERIMENT: ExperimentConfig = {
  seed: 1,
  rate: 0.5,
  epochs: 300,
  hidden: 64,
  trainSize: 100,
  noise: 0.2,
  flip: 0.1,
  evalEvery: 10,
};

export const DEFAULT_MC: McConfig = { seed: 1, rate: 0.2, samples: 50, epochs: 600, hidden: 64 };
