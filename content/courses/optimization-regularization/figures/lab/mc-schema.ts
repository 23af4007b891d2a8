// Settings of the Monte Carlo dropout demo, shared by the page and the lab worker.
import { z } from "zod";

export const mcConfigSchema = z.object({
  seed: z.number().int().min(0).max(1_000_000),
  /** Dropout rate used in training and in every sampled pass. */
  rate: z.number().min(0.05).max(0.5),
  /** T: the number of stochastic forward passes. */
  samples: z.number().int().min(2).max(500),
  epochs: z.number().int().min(50).max(2000),
  hidden: z.number().int().min(8).max(256),
});

export type McConfig = z.infer<typeof mcConfigSchema>;
