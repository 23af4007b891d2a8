// Messages between the page and the lab worker (./worker.ts). Both sides parse what they
// receive with these schemas: a message is input like any other.
import { z } from "zod";
import { experimentConfigSchema } from "./schema";
import { mcConfigSchema } from "./mc-schema";

export const LAB_BACKENDS = ["wasm", "cpu", "webgl"] as const;
export type LabBackend = (typeof LAB_BACKENDS)[number];

const runId = z.string().min(1).max(64);
const num = z.number();

export const toLabSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("init"), backends: z.array(z.enum(LAB_BACKENDS)).min(1).max(3) }),
  z.object({ type: z.literal("experiment"), runId, config: experimentConfigSchema, gridSize: z.number().int().min(0).max(60) }),
  z.object({ type: z.literal("mc"), runId, config: mcConfigSchema }),
]);
export type ToLab = z.infer<typeof toLabSchema>;

const checkpoint = z.object({ epoch: num, trainLoss: num, trainLossDropoutOn: num, valLoss: num, trainAcc: num, valAcc: num });
export type CheckpointMessage = z.infer<typeof checkpoint>;

export const fromLabSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), backend: z.enum(LAB_BACKENDS), ms: num }),
  z.object({
    type: z.literal("checkpoint"),
    runId,
    epoch: num,
    plain: checkpoint,
    dropout: checkpoint,
    // Float32Arrays, transferred (not copied) and checked by size, not number by number.
    grids: z
      .object({ size: z.number().int().min(2).max(60), plain: z.instanceof(Float32Array), dropout: z.instanceof(Float32Array) })
      .refine((g) => g.plain.length === g.size * g.size && g.dropout.length === g.size * g.size, "grids must have size × size values")
      .optional(),
  }),
  z.object({ type: z.literal("mc-progress"), runId, epoch: num, loss: num }),
  z.object({
    type: z.literal("mc-result"),
    runId,
    grid: z.array(num).max(1000),
    mean: z.array(num).max(1000),
    std: z.array(num).max(1000),
    data: z.object({ xs: z.array(num).max(1000), ys: z.array(num).max(1000) }),
  }),
  z.object({ type: z.literal("done"), runId, ms: num, backend: z.enum(LAB_BACKENDS) }),
  z.object({ type: z.literal("error"), runId: runId.optional(), message: z.string().max(2000) }),
]);
export type FromLab = z.infer<typeof fromLabSchema>;
