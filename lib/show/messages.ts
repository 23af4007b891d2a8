// What `show.*` calls send from the sandbox to the page. The page parses these with the schemas
// in lib/runner/protocol.ts before drawing anything: they come from learner code.
import type { ChartSpec } from "@/lib/charts/spec";

/** A new chart (or a full replacement of an existing one). */
export type ChartMessage = { type: "chart"; chartId: number; spec: ChartSpec };
/** Points streamed into a line chart: [series index, x, y]. */
export type ChartAppendMessage = { type: "chart-append"; chartId: number; points: [number, number, number][] };

export type ShowMessage = ChartMessage | ChartAppendMessage;

/** At most this many points travel in one append message. */
export const APPEND_BATCH = 1_000;
/** Streamed points are sent at most this often (ms). */
export const APPEND_INTERVAL_MS = 50;
