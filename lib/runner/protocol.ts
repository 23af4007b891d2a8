// Messages between the page, the sandbox frame and the worker; what comes back is untrusted.
import { z } from "zod";
import { CHART_LIMITS, chartSpecSchema } from "@/lib/charts/spec";
import { APPEND_BATCH } from "@/lib/show/messages";
import { BATCH_MAX } from "./limits";

export { BATCH_MAX };

export const CHECK_MESSAGES_MAX = 60;

export const BACKENDS = ["webgl", "wasm", "cpu"] as const;
export type Backend = (typeof BACKENDS)[number];

export const LOG_LEVELS = ["log", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type ToSandbox =
  | { type: "init"; backends: Backend[] }
  | { type: "run"; runId: string; code: string; seed?: number }
  | { type: "stop" }
  | { type: "ping"; n: number };

/** Over the run's private MessagePort. */
export type ToWorker = { type: "run"; runId: string; code: string; seed?: number };

const runId = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);

export const fromSandboxSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("frame-ready") }),
  z.object({ type: z.literal("status"), text: text(300) }),
  z.object({
    type: z.literal("ready"),
    backend: z.enum(BACKENDS),
    /** Why a preferred backend was skipped, if one was. */
    note: text(500).optional(),
    ms: z.number().nonnegative(),
  }),
  /** The cell's time budget starts now. */
  z.object({ type: z.literal("started"), runId }),
  z.object({ type: z.literal("console"), runId, level: z.enum(LOG_LEVELS), text: text(20_000) }),
  z.object({
    type: z.literal("error"),
    runId,
    kind: z.enum(["syntax", "runtime", "unhandled", "callback"]),
    name: text(200),
    message: text(5_000),
    /** 1-based line and column in the learner's TypeScript. */
    line: z.number().int().positive().optional(),
    column: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal("done"),
    runId,
    ok: z.boolean(),
    ms: z.number().nonnegative(),
    backend: z.enum(BACKENDS),
    /** Still allocated when the run ended. */
    tensorsLeft: z.number().int(),
    truncated: z.boolean(),
  }),
  /** An exercise's verdict: learner code can forge it, so a pass is only self-checked. */
  z.object({
    type: z.literal("check"),
    runId,
    ok: z.boolean(),
    messages: z.array(text(1_000)).max(CHECK_MESSAGES_MAX),
  }),
  z.object({ type: z.literal("stopped") }),
  z.object({ type: z.literal("pong"), n: z.number().int().nonnegative() }),
  z.object({ type: z.literal("chart"), runId, chartId: z.number().int().min(1).max(CHART_LIMITS.charts), spec: chartSpecSchema }),
  z.object({
    type: z.literal("chart-append"),
    runId,
    chartId: z.number().int().min(1).max(CHART_LIMITS.charts),
    points: z
      .array(
        z.tuple([
          z
            .number()
            .int()
            .min(0)
            .max(CHART_LIMITS.series - 1),
          z.number().refine(Number.isFinite),
          z.number().refine(Number.isFinite),
        ]),
      )
      .max(APPEND_BATCH),
  }),
]);

export type FromSandbox = z.infer<typeof fromSandboxSchema>;

const batchSchema = z.object({ type: z.literal("batch"), messages: z.array(z.unknown()).max(BATCH_MAX) });

/** A sandboxed frame's origin is opaque wherever it is served from. */
export const SANDBOX_ORIGIN = "null";

/** Well-formed messages only; only the frame holds the port, so the sender needs no check. */
export function parseSandboxData(data: unknown): FromSandbox[] {
  const batch = batchSchema.safeParse(data);
  const items = batch.success ? batch.data.messages : [data];
  const out: FromSandbox[] = [];
  for (const item of items) {
    const parsed = fromSandboxSchema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** The handshake's `frame-ready`, from the expected window and origin only. */
export function acceptSandboxMessage(
  event: { source: unknown; origin?: string; data: unknown },
  expectedSource: unknown,
): FromSandbox | null {
  if (expectedSource == null || event.source !== expectedSource) return null;
  if (event.origin !== undefined && event.origin !== SANDBOX_ORIGIN) return null;
  const parsed = fromSandboxSchema.safeParse(event.data);
  return parsed.success ? parsed.data : null;
}
