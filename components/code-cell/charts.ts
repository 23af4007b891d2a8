// The charts a cell shows, built from the runner's chart events (pure, unit-tested). Whatever the
// sandbox sends, the page keeps at most CHART_LIMITS charts and points and MAX_CHART_MESSAGES
// chart messages per run, so a runaway cell cannot grow the page without bound.
import { CHART_LIMITS } from "@/lib/charts/limits";
import type { ChartSpec } from "@/lib/charts/spec";
import type { RunEvent } from "@/lib/runner/client";

export const MAX_CHART_MESSAGES = 2_000;

export type CellCharts = {
  charts: { id: number; spec: ChartSpec }[];
  messages: number;
  /** Why some chart output was dropped, once per run (shown under the charts). */
  capped: string | null;
};

export const NO_CHARTS: CellCharts = { charts: [], messages: 0, capped: null };

export type ChartEvent = Extract<RunEvent, { type: "chart" | "chart-append" }>;

export function applyChartEvent(state: CellCharts, event: ChartEvent): CellCharts {
  if (state.messages >= MAX_CHART_MESSAGES) {
    return state.capped
      ? state
      : { ...state, capped: `Chart updates stopped after ${MAX_CHART_MESSAGES.toLocaleString("en-US")} messages in one run.` };
  }
  const messages = state.messages + 1;
  const index = state.charts.findIndex((c) => c.id === event.chartId);
  if (event.type === "chart") {
    const charts = [...state.charts];
    if (index === -1) charts.push({ id: event.chartId, spec: event.spec });
    else charts[index] = { id: event.chartId, spec: event.spec };
    return { ...state, charts, messages };
  }
  const current = state.charts[index]?.spec;
  if (!current || current.kind !== "line") return { ...state, messages }; // points for no line chart: ignored
  let capped = state.capped;
  const series = current.series.map((s) => ({ ...s, points: [...s.points] }));
  for (const [i, x, y] of event.points) {
    const target = series[i];
    if (!target) continue;
    if (target.points.length >= CHART_LIMITS.pointsPerSeries) {
      capped ??= `A line can show at most ${CHART_LIMITS.pointsPerSeries.toLocaleString("en-US")} points; later points were left out.`;
      continue;
    }
    target.points.push([x, y]);
  }
  const charts = [...state.charts];
  charts[index] = { id: event.chartId, spec: { ...current, series } };
  return { charts, messages, capped };
}
