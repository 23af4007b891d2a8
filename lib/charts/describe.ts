// The text alternative of a chart: one or two sentences a screen reader can say instead of it.
import type { ChartSpec } from "./spec";

const fmt = (n: number) => (Math.abs(n) >= 1000 || n === Math.round(n) ? String(Math.round(n * 100) / 100) : n.toPrecision(3));

function range(values: number[]): string {
  if (values.length === 0) return "no values";
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`;
}

export function describeChart(spec: ChartSpec): string {
  switch (spec.kind) {
    case "line": {
      const parts = spec.series.map((s) => {
        const last = s.points.at(-1);
        return last
          ? `${s.name}: ${s.points.length} points, last ${fmt(last[1])} at ${spec.xLabel} ${fmt(last[0])}`
          : `${s.name}: no points yet`;
      });
      const bands = (spec.bands ?? []).map((b) => `a shaded band "${b.name}"`);
      return `Line chart "${spec.title}", ${spec.yLabel} against ${spec.xLabel}. ${[...parts, ...bands].join("; ")}.`;
    }
    case "scatter": {
      const counts = new Map<number, number>();
      for (const p of spec.points) counts.set(p[2], (counts.get(p[2]) ?? 0) + 1);
      const groups = [...counts].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${n} of ${spec.classNames?.[c] ?? `class ${c}`}`);
      const shade = spec.background
        ? " The background shades the model's predicted class, and the boundary between the shaded regions is its decision boundary."
        : "";
      return `Scatter plot "${spec.title}", ${spec.yLabel} against ${spec.xLabel}: ${spec.points.length} points (${groups.join(", ") || "none"}).${shade}`;
    }
    case "heatmap":
      return `Heatmap "${spec.title}" of ${spec.rows} × ${spec.columns} values from ${range(spec.values)}.`;
    case "table":
      return `Table "${spec.title}" with ${spec.rows.length} rows and columns ${spec.columns.join(", ")}.`;
  }
}
