// The page's own limits on chart output from a cell, whatever the sandbox sends.
import { CHART_LIMITS, type LineSpec } from "@/lib/charts/spec";
import { applyChartEvent, MAX_CHART_MESSAGES, NO_CHARTS } from "./charts";

const line = (names: string[]): LineSpec => ({
  kind: "line",
  title: "t",
  xLabel: "x",
  yLabel: "y",
  series: names.map((name) => ({ name, points: [] })),
});

it("creates, replaces and streams into line charts", () => {
  let s = applyChartEvent(NO_CHARTS, { type: "chart", runId: "r", chartId: 1, spec: line(["train", "val"]) });
  s = applyChartEvent(s, {
    type: "chart-append",
    runId: "r",
    chartId: 1,
    points: [
      [0, 1, 0.5],
      [1, 1, 0.7],
      [0, 2, 0.4],
    ],
  });
  const spec = s.charts[0]!.spec as LineSpec;
  expect(spec.series[0]!.points).toEqual([
    [1, 0.5],
    [2, 0.4],
  ]);
  expect(spec.series[1]!.points).toEqual([[1, 0.7]]);
  s = applyChartEvent(s, { type: "chart", runId: "r", chartId: 1, spec: line(["only"]) });
  expect(s.charts).toHaveLength(1);
  expect((s.charts[0]!.spec as LineSpec).series.map((x) => x.name)).toEqual(["only"]);
});

it("ignores points for unknown charts and unknown series", () => {
  let s = applyChartEvent(NO_CHARTS, { type: "chart-append", runId: "r", chartId: 3, points: [[0, 1, 1]] });
  expect(s.charts).toEqual([]);
  s = applyChartEvent(s, { type: "chart", runId: "r", chartId: 1, spec: line(["a"]) });
  s = applyChartEvent(s, { type: "chart-append", runId: "r", chartId: 1, points: [[5, 1, 1]] });
  expect((s.charts[0]!.spec as LineSpec).series[0]!.points).toEqual([]);
});

it("caps points per line and says so once", () => {
  let s = applyChartEvent(NO_CHARTS, { type: "chart", runId: "r", chartId: 1, spec: line(["a"]) });
  const batch = Array.from({ length: 1000 }, (_, i) => [0, i, i] as [number, number, number]);
  for (let i = 0; i < 7; i += 1) s = applyChartEvent(s, { type: "chart-append", runId: "r", chartId: 1, points: batch });
  expect((s.charts[0]!.spec as LineSpec).series[0]!.points).toHaveLength(CHART_LIMITS.pointsPerSeries);
  expect(s.capped).toMatch(/at most 5,000 points/);
});

it("stops applying chart messages after the per-run cap", () => {
  let s = applyChartEvent(NO_CHARTS, { type: "chart", runId: "r", chartId: 1, spec: line(["a"]) });
  for (let i = 0; i < MAX_CHART_MESSAGES + 10; i += 1)
    s = applyChartEvent(s, { type: "chart", runId: "r", chartId: 2, spec: line([`s${i}`]) });
  expect(s.messages).toBe(MAX_CHART_MESSAGES);
  expect(s.capped).toMatch(/stopped after 2,000 messages/);
  expect((s.charts[1]!.spec as LineSpec).series[0]!.name).toBe(`s${MAX_CHART_MESSAGES - 2}`);
});
