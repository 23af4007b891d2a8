// What `show.*` calls send from the sandbox.
import type { ChartSpec } from "@/lib/charts/spec";

/** A new chart, or a full replacement. */
export type ChartMessage = { type: "chart"; chartId: number; spec: ChartSpec };
/** [series index, x, y]. */
export type ChartAppendMessage = { type: "chart-append"; chartId: number; points: [number, number, number][] };

export type ShowMessage = ChartMessage | ChartAppendMessage;

export const APPEND_BATCH = 1_000;
export const APPEND_INTERVAL_MS = 50;
