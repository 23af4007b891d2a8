// Messages between the lesson page, the sandbox frame and the worker that runs learner code.
// Everything that comes back from the sandbox is untrusted (learner code runs there): the page
// parses it with `fromSandboxSchema` before using it. The frame relays a run's output in
// batches (one message per ~50 ms, whatever the worker sends), and answers pings so the page
// notices a frame that died (e.g. out of memory).
import { z } from "zod";
import { CHART_LIMITS, chartSpecSchema } from "@/lib/charts/spec";
import { APPEND_BATCH } from "@/lib/show/messages";
import { BATCH_MAX } from "./limits";

export { BATCH_MAX };

/** At most this many lines in one check verdict. */
export const CHECK_MESSAGES_MAX = 60;

export const BACKENDS = ["webgl", "wasm", "cpu"] as const;
export type Backend = (typeof BACKENDS)[number];

export const LOG_LEVELS = ["log", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Page → sandbox. */
export type ToSandbox =
  | { type: "init"; backends: Backend[] }
  | { type: "run"; runId: string; code: string; seed?: number }
  | { type: "stop" }
  /** Liveness: the frame answers `pong` with the same number. */
  | { type: "ping"; n: number };

/** Frame → worker (over the run's private MessagePort; see lib/runner/frame.ts). */
export type ToWorker = { type: "run"; runId: string; code: string; seed?: number };

const runId = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);

/** Sandbox → page. */
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
  /** The worker has its backend and begins the cell: the cell's time budget starts now. */
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
    /** Tensors (including weights) still allocated when the run ended; the runner frees them. */
    tensorsLeft: z.number().int(),
    truncated: z.boolean(),
  }),
  /** An exercise's verdict ("@lbr/check"): learner code can forge it, so a pass is only self-checked. */
  z.object({
    type: z.literal("check"),
    runId,
    ok: z.boolean(),
    messages: z.array(text(1_000)).max(CHECK_MESSAGES_MAX),
  }),
  z.object({ type: z.literal("stopped") }),
  z.object({ type: z.literal("pong"), n: z.number().int().nonnegative() }),
  // show.* output (lib/show): a chart, and points streamed into a line chart.
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

/**
 * The origin a sandboxed frame's messages carry: the frame's response has a CSP `sandbox`
 * (and the iframe a sandbox attribute), so its origin is opaque wherever it is served from.
 */
export const SANDBOX_ORIGIN = "null";

/**
 * The well-formed messages in what the sandbox sent on the page's MessagePort, in order (a
 * batch's malformed ones are dropped). Only the frame holds the port's other end, so the sender
 * needs no check; window messages go through acceptSandboxMessage, which checks it first.
 */
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

/**
 * A window message from the sandbox (the handshake's `frame-ready`): only from the expected
 * window and the sandbox's opaque origin, one message of a known shape (never a batch), or null.
 */
export function acceptSandboxMessage(
  event: { source: unknown; origin?: string; data: unknown },
  expectedSource: unknown,
): FromSandbox | null {
  if (expectedSource == null || event.source !== expectedSource) return null;
  if (event.origin !== undefined && event.origin !== SANDBOX_ORIGIN) return null;
  const parsed = fromSandboxSchema.safeParse(event.data);
  return parsed.success ? parsed.data : null;
}
