// The experiment's settings: defaults, limits, and the zod schema that both the page and the
// worker parse them with (a message from the page is input like any other).
import { z } from "zod";

export const experimentConfigSchema = z.object({
  seed: z.number().int().min(0).max(1_000_000),
  /** Dropout rate (drop probability) of the dropout run. */
  rate: z.number().min(0.05).max(0.9),
  epochs: z.number().int().min(20).max(1000),
  /** Units in each of the two hidden layers. */
  hidden: z.number().int().min(4).max(256),
  trainSize: z.number().int().min(20).max(1000),
  /** Position noise (standard deviation) of the two-moons data. */
  noise: z.number().min(0).max(0.6),
  /** Share of training and validation labels flipped. */
  flip: z.number().min(0).max(0.3),
  /** Measure both runs every this many epochs. */
  evalEvery: z.number().int().min(1).max(100),
});

export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;
