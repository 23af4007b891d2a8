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
  return {
    fg: v("--fg", "#1b1f24"),
    muted: v("--muted", "#59636e"),
    palette,
    classes: [v("--chart-class-0", "#0b63ce"), v("--chart-class-1", "#d1242f")],
  };
}

/**
 * One class for every chart: Plot puts a <style> for its class into each SVG it draws, and every
 * redraw that adds or removes a stylesheet makes the browser re-match the styles of the whole
 * lesson page. We remove those (see `withoutStyles`); components/charts/charts.css has the same rules once.
 */
const CLASS_NAME = "lbr-plot";

// Margins are explicit so that a layer drawn without axes lines up with one drawn with them.
const common = (width: number, theme: Theme) => ({
  width,
  height: Math.round(Math.min(320, Math.max(200, width * 0.62))),
  className: CLASS_NAME,
  marginTop: 20,
  marginRight: 20,
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
      Plot.line(
        rows.filter((r) => !r.dashed),
        { x: "x", y: "y", z: "series", stroke: "series", strokeWidth: 2 },
      ),
      Plot.line(
        rows.filter((r) => r.dashed),
        { x: "x", y: "y", z: "series", stroke: "series", strokeWidth: 2, strokeDasharray: "5,4" },
      ),
    ],
  });
}

const scatterHeight = (width: number) => Math.round(Math.min(340, width * 0.8));

function scatterScales(spec: ScatterSpec, theme: Theme, axes: boolean) {
  const bg = spec.background;
  return {
    x: { label: spec.xLabel, domain: spec.xDomain ?? bg?.x, ...(axes ? {} : { axis: null }) },
    y: { label: spec.yLabel, domain: spec.yDomain ?? bg?.y, ...(axes ? {} : { axis: null }) },
    color: { type: "linear" as const, domain: [0, 1], range: theme.classes, legend: false },
  };
}

/** The points and axes of a scatter chart (no background). */
function scatter(spec: ScatterSpec, width: number, theme: Theme) {
  return Plot.plot({
    ...common(width, theme),
    height: scatterHeight(width),
    ...scatterScales(spec, theme, true),
    marks: [
      Plot.dot(spec.points, {
        x: (d: number[]) => d[0],
        y: (d: number[]) => d[1],
        fill: (d: number[]) => Math.min(1, d[2]!),
        r: 3,
        stroke: theme.fg,
        strokeWidth: 0.5,
      }),
    ],
  });
}

/** A scatter chart's background shading alone, drawn to lie exactly under `scatter`'s plot. */
function scatterBackground(spec: ScatterSpec, width: number, theme: Theme) {
  const bg = spec.background!;
  return Plot.plot({
    ...common(width, theme),
    height: scatterHeight(width),
    ...scatterScales(spec, theme, false),
    // Shading only: a contour line at 0.5 would triple the cost of every redraw.
    marks: [
      Plot.raster(bg.values, {
        width: bg.size,
        height: bg.size,
        x1: bg.x[0],
        x2: bg.x[1],
        y1: bg.y[1],
        y2: bg.y[0],
        fill: (d: number) => d,
        fillOpacity: 0.35,
      }),
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
    marks: [
      Plot.raster(spec.values, {
        width: spec.columns,
        height: spec.rows,
        x1: 0,
        x2: spec.columns,
        y1: 0,
        y2: spec.rows,
        imageRendering: "pixelated",
      }),
    ],
  });
}

/** Removes Plot's per-chart <style> elements (their rules are in components/charts/charts.css). */
function withoutStyles<T extends Element>(element: T): T {
  for (const style of element.querySelectorAll("style")) style.remove();
  // The figure's text alternative is on the wrapper; Plot's own SVG should not be read twice.
  element.setAttribute("aria-hidden", "true");
  return element;
}

/** A Plot figure for a spec (tables are plain HTML and are drawn by the React component). */
export function renderChart(spec: LineSpec | ScatterSpec | HeatmapSpec, width: number, theme: Theme): SVGSVGElement | HTMLElement {
  if (spec.kind === "scatter" && spec.background) return layered(spec, width, theme);
  const plot =
    spec.kind === "line" ? line(spec, width, theme) : spec.kind === "scatter" ? scatter(spec, width, theme) : heatmap(spec, width, theme);
  return withoutStyles(plot);
}

/** A scatter chart over its shading: two aligned layers, so a new background redraws only its own. */
function layered(spec: ScatterSpec, width: number, theme: Theme) {
  const host = document.createElement("div");
  host.className = "chart-layers";
  host.append(withoutStyles(scatterBackground(spec, width, theme)), withoutStyles(scatter(spec, width, theme)));
  return host;
}

type Drawn = { spec: LineSpec | ScatterSpec | HeatmapSpec; width: number; theme: Theme };
const drawn = new WeakMap<Element, Drawn>();

/**
 * Draws a spec into `host`, replacing what was there. A scatter chart whose points, size and
 * colours are those of the last drawing keeps its points layer and redraws only the shading:
 * the lab's decision boundaries change while their training points stay the same.
 */
export function drawChart(host: HTMLElement, spec: LineSpec | ScatterSpec | HeatmapSpec, width: number, theme: Theme) {
  const last = drawn.get(host);
  drawn.set(host, { spec, width, theme });
  const layers = host.firstElementChild?.classList.contains("chart-layers") ? host.firstElementChild : null;
  if (
    layers &&
    last?.spec.kind === "scatter" &&
    spec.kind === "scatter" &&
    spec.background &&
    last.spec.points === spec.points &&
    last.width === width &&
    last.theme === theme &&
    String(last.spec.xDomain) === String(spec.xDomain) &&
    String(last.spec.yDomain) === String(spec.yDomain)
  ) {
    layers.firstElementChild!.replaceWith(withoutStyles(scatterBackground(spec, width, theme)));
    return;
  }
  host.replaceChildren(renderChart(spec, width, theme));
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
  // Shaped like the lab's charts (several series of tens of points), drawn twice: the second
  // drawing runs the code the optimizing compiler has by then seen.
  const wave = (phase: number) => Array.from({ length: 30 }, (_, i) => [i * 10, Math.sin(i / 5 + phase)] as [number, number]);
  const lines: LineSpec = {
    kind: "line",
    title: "",
    xLabel: "x",
    yLabel: "y",
    xDomain: [0, 300],
    series: [0, 1, 2, 3, 4].map((i) => ({ name: `s${i}`, points: wave(i), dashed: i % 2 === 1, color: i })),
    bands: [
      {
        name: "b",
        points: [
          [0, 0, 1],
          [1, 0, 1],
        ],
      },
    ],
    dots: { name: "d", points: [[0, 0]] },
  };
  const points = Array.from({ length: 100 }, (_, i) => [Math.cos(i), Math.sin(i), i % 2] as [number, number, number]);
  const scatterSpec: ScatterSpec = {
    kind: "scatter",
    title: "",
    xLabel: "x",
    yLabel: "y",
    points,
    background: { size: 40, values: Array.from({ length: 1600 }, (_, i) => (i % 40) / 40), x: [-1, 1], y: [-1, 1] },
  };
  const idle = (job: () => void) => ("requestIdleCallback" in window ? requestIdleCallback(job, { timeout: 2000 }) : setTimeout(job, 200));
  const run = (times: number) => {
    renderChart(lines, 480, theme);
    renderChart(scatterSpec, 480, theme);
    if (times > 1) idle(() => run(times - 1));
  };
  idle(() => run(2));
}
