// Draws a chart spec with Observable Plot. Loaded lazily (with the runner or a lab figure), never
// in the lesson's first load. Colours come from the page's CSS variables, so charts follow the theme.
import * as Plot from "@observablehq/plot";
import type { HeatmapSpec, LineSpec, ScatterSpec } from "@/lib/charts/spec";

export type Theme = { fg: string; muted: string; palette: string[]; classes: [string, string] };

const themes = new Map<string, Theme>();

/**
 * The chart colours from CSS (light or dark, whichever is in force), read once per scheme:
 * getComputedStyle can force a style recalculation of the whole lesson page.
 */
export function readTheme(element: Element): Theme {
  const scheme = matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  const cached = themes.get(scheme);
  if (cached) return cached;
  const theme = computeTheme(element);
  themes.set(scheme, theme);
  return theme;
}

function computeTheme(element: Element): Theme {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const palette = Array.from({ length: 8 }, (_, i) => v(`--chart-${i + 1}`, "#0b63ce"));
  return { fg: v("--fg", "#1b1f24"), muted: v("--muted", "#59636e"), palette, classes: [v("--chart-class-0", "#0b63ce"), v("--chart-class-1", "#d1242f")] };
}

const common = (width: number, theme: Theme) => ({
  width,
  height: Math.round(Math.min(320, Math.max(200, width * 0.62))),
  marginLeft: 52,
  marginBottom: 40,
  style: { background: "transparent", color: theme.fg, fontSize: "12px", overflow: "visible" },
});

function line(spec: LineSpec, width: number, theme: Theme) {
  const rows = spec.series.flatMap((s, i) => s.points.map(([x, y]) => ({ x, y, series: s.name, dashed: !!s.dashed, color: s.color ?? i })));
  const bands = (spec.bands ?? []).flatMap((b, i) => b.points.map(([x, lo, hi]) => ({ x, lo, hi, band: b.name, color: b.color ?? i })));
  const colorOf = (slot: number) => theme.palette[slot % theme.palette.length]!;
  const names = spec.series.map((s) => s.name);
  const colors = spec.series.map((s, i) => colorOf(s.color ?? i));
  return Plot.plot({
    ...common(width, theme),
    x: { label: spec.xLabel, domain: spec.xDomain, grid: true },
    y: { label: spec.yLabel, domain: spec.yDomain, grid: true, nice: true },
    color: { domain: names, range: colors }, // the legend is HTML (components/charts/Legend.tsx)
    marks: [
      ...(spec.bands ?? []).map((b) =>
        Plot.areaY(
          bands.filter((r) => r.band === b.name),
          { x: "x", y1: "lo", y2: "hi", fill: colorOf(b.color ?? 0), fillOpacity: 0.22 },
        ),
      ),
      ...(spec.dots ? [Plot.dot(spec.dots.points, { x: (d: number[]) => d[0], y: (d: number[]) => d[1], r: 2.5, fill: theme.muted })] : []),
      Plot.line(rows.filter((r) => !r.dashed), { x: "x", y: "y", z: "series", stroke: "series", strokeWidth: 2 }),
      Plot.line(rows.filter((r) => r.dashed), { x: "x", y: "y", z: "series", stroke: "series", strokeWidth: 2, strokeDasharray: "5,4" }),
    ],
  });
}

function scatter(spec: ScatterSpec, width: number, theme: Theme) {
  const bg = spec.background;
  return Plot.plot({
    ...common(width, theme),
    height: Math.round(Math.min(340, width * 0.8)),
    x: { label: spec.xLabel, domain: spec.xDomain ?? bg?.x },
    y: { label: spec.yLabel, domain: spec.yDomain ?? bg?.y },
    color: { type: "linear", domain: [0, 1], range: theme.classes, legend: false },
    marks: [
      ...(bg
        ? [
            // Shading only: a contour line at 0.5 would triple the cost of every redraw.
            Plot.raster(bg.values, { width: bg.size, height: bg.size, x1: bg.x[0], x2: bg.x[1], y1: bg.y[1], y2: bg.y[0], fill: (d: number) => d, fillOpacity: 0.35 }),
          ]
        : []),
      Plot.dot(spec.points, { x: (d: number[]) => d[0], y: (d: number[]) => d[1], fill: (d: number[]) => Math.min(1, d[2]!), r: 3, stroke: theme.fg, strokeWidth: 0.5 }),
    ],
  });
}

function heatmap(spec: HeatmapSpec, width: number, theme: Theme) {
  const aspect = spec.rows / spec.columns;
  return Plot.plot({
    ...common(width, theme),
    height: Math.round(Math.min(420, Math.max(160, (width - 90) * aspect + 60))),
    marginRight: 20,
    x: { label: spec.xLabel, domain: [0, spec.columns] },
    y: { label: spec.yLabel, domain: [spec.rows, 0] },
    color: { scheme: "viridis", legend: true, label: "value" },
    marks: [Plot.raster(spec.values, { width: spec.columns, height: spec.rows, x1: 0, x2: spec.columns, y1: 0, y2: spec.rows, imageRendering: "pixelated" })],
  });
}

/** A Plot figure for a spec (tables are plain HTML and are drawn by the React component). */
export function renderChart(spec: LineSpec | ScatterSpec | HeatmapSpec, width: number, theme: Theme): SVGSVGElement | HTMLElement {
  const plot = spec.kind === "line" ? line(spec, width, theme) : spec.kind === "scatter" ? scatter(spec, width, theme) : heatmap(spec, width, theme);
  // The figure's text alternative is on the wrapper; Plot's own SVG should not be read twice.
  plot.setAttribute("aria-hidden", "true");
  return plot;
}

let warmed = false;

/**
 * Draws one small chart of each kind, off-screen, when the browser is idle: the first Plot call
 * for a mark compiles its code paths, and that should not happen while a model is training.
 */
export function warmRenderer() {
  if (warmed) return;
  warmed = true;
  const theme: Theme = { fg: "#000", muted: "#666", palette: ["#000"], classes: ["#000", "#fff"] };
  const run = () => {
    renderChart({ kind: "line", title: "", xLabel: "x", yLabel: "y", series: [{ name: "a", points: [[0, 0], [1, 1]], dashed: true }], bands: [{ name: "b", points: [[0, 0, 1], [1, 0, 1]] }], dots: { name: "d", points: [[0, 0]] } }, 240, theme);
    renderChart({ kind: "scatter", title: "", xLabel: "x", yLabel: "y", points: [[0, 0, 0], [1, 1, 1]], background: { size: 2, values: [0, 1, 1, 0], x: [0, 1], y: [0, 1] } }, 240, theme);
  };
  if ("requestIdleCallback" in window) requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
