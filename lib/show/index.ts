// "@lbr/show": charts and tables under the cell, from tensors (never disposed) or arrays.
import type * as tfTypes from "@tensorflow/tfjs";
import { CHART_LIMITS } from "@/lib/charts/limits";
import type { ChartSpec, LineSpec } from "@/lib/charts/spec";
import { APPEND_BATCH, APPEND_INTERVAL_MS, type ShowMessage } from "./messages";

type Tensor = tfTypes.Tensor;
type Numbers = number[] | Float32Array | Int32Array | Tensor;
type Labels = { title?: string; xLabel?: string; yLabel?: string };

let sink: ((message: ShowMessage) => void) | null = null;
let nextId = 1;
let pending = new Map<number, [number, number, number][]>();
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** For one run; null drops output. */
export function connectShow(send: ((message: ShowMessage) => void) | null) {
  flushShow();
  sink = send;
  nextId = 1;
}

export function flushShow() {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  const batches = pending;
  pending = new Map();
  for (const [chartId, points] of batches) {
    for (let i = 0; i < points.length; i += APPEND_BATCH)
      sink?.({ type: "chart-append", chartId, points: points.slice(i, i + APPEND_BATCH) });
  }
}

const isTensor = (v: unknown): v is Tensor => typeof v === "object" && v !== null && "dataSync" in v && "shape" in v;

function numbers(values: Numbers, what: string): number[] {
  const flat = isTensor(values) ? Array.from(values.dataSync() as Float32Array) : Array.from(values as ArrayLike<number>);
  if (flat.some((v) => typeof v !== "number" || !Number.isFinite(v))) throw new TypeError(`${what} must contain only finite numbers`);
  return flat;
}

function matrix(values: Numbers | number[][], what: string): { rows: number; columns: number; values: number[] } {
  if (isTensor(values)) {
    if (values.rank !== 2) throw new TypeError(`${what} must be a 2-D tensor, got shape [${values.shape.join(", ")}]`);
    return { rows: values.shape[0]!, columns: values.shape[1]!, values: numbers(values, what) };
  }
  const rowsIn = values as unknown[];
  if (!Array.isArray(rowsIn) || !rowsIn.every(Array.isArray)) throw new TypeError(`${what} must be a 2-D tensor or an array of rows`);
  const rows = rowsIn as number[][];
  const columns = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== columns)) throw new TypeError(`${what}: every row must have the same length`);
  return { rows: rows.length, columns, values: numbers(rows.flat(), what) };
}

function limit(count: number, max: number, what: string) {
  if (count > max)
    throw new RangeError(
      `${what}: at most ${max.toLocaleString("en-US")} values can be shown, got ${count.toLocaleString("en-US")}. Slice or average first.`,
    );
}

function emit(spec: ChartSpec): number {
  const chartId = nextId++;
  if (chartId > CHART_LIMITS.charts) throw new RangeError(`a cell can show at most ${CHART_LIMITS.charts} charts per run`);
  sink?.({ type: "chart", chartId, spec });
  return chartId;
}

const text = (value: string | undefined, fallback: string) => (value ?? fallback).slice(0, CHART_LIMITS.text);

export type LiveLine = {
  /** One point per series at x (a number for a single-series chart). */
  add(x: number, values: number | Record<string, number>): void;
};

function line(series: Numbers | Record<string, Numbers>, options: Labels & { x?: Numbers } = {}): LiveLine {
  const named: Record<string, Numbers> =
    Array.isArray(series) || ArrayBuffer.isView(series) || isTensor(series)
      ? { value: series as Numbers }
      : (series as Record<string, Numbers>);
  const names = Object.keys(named);
  limit(names.length, CHART_LIMITS.series, "show.line series");
  const xs = options.x ? numbers(options.x, "show.line x") : null;
  const spec: LineSpec = {
    kind: "line",
    title: text(options.title, "Line chart"),
    xLabel: text(options.xLabel, "x"),
    yLabel: text(options.yLabel, "y"),
    series: names.map((name) => {
      const ys = numbers(named[name]!, `show.line series "${name}"`);
      limit(ys.length, CHART_LIMITS.pointsPerSeries, `show.line series "${name}"`);
      return { name: name.slice(0, CHART_LIMITS.text), points: ys.map((y, i) => [xs ? (xs[i] ?? i) : i, y] as [number, number]) };
    }),
  };
  const chartId = emit(spec);
  return {
    add(x, values) {
      const entries = typeof values === "number" ? [[names[0] ?? "value", values] as const] : Object.entries(values);
      for (const [name, y] of entries) {
        if (!Number.isFinite(x) || !Number.isFinite(y)) throw new TypeError("show.line add: x and values must be finite numbers");
        let index = names.indexOf(name);
        if (index === -1) {
          limit(names.length + 1, CHART_LIMITS.series, "show.line series");
          // A new series: resend the whole chart so the page learns its name.
          flushShow();
          names.push(name);
          spec.series.push({ name: name.slice(0, CHART_LIMITS.text), points: [] });
          index = names.length - 1;
          spec.series[index]!.points.push([x, y]);
          sink?.({ type: "chart", chartId, spec });
          continue;
        }
        const points = spec.series[index]!.points;
        if (points.length >= CHART_LIMITS.pointsPerSeries) continue;
        points.push([x, y]);
        const list = pending.get(chartId) ?? [];
        list.push([index, x, y]);
        pending.set(chartId, list);
      }
      flushTimer ??= setTimeout(flushShow, APPEND_INTERVAL_MS);
    },
  };
}

function scatter(points: Numbers | number[][], options: Labels & { labels?: Numbers } = {}) {
  const m = matrix(points, "show.scatter points");
  if (m.columns !== 2) throw new TypeError(`show.scatter points must have 2 columns (x, y), got ${m.columns}`);
  limit(m.rows, CHART_LIMITS.scatterPoints, "show.scatter");
  const labels = options.labels ? numbers(options.labels, "show.scatter labels") : null;
  if (labels && labels.length !== m.rows) throw new TypeError(`show.scatter labels: expected ${m.rows} labels, got ${labels.length}`);
  const classes = labels ? [...new Set(labels)].sort((a, b) => a - b) : [0];
  limit(classes.length, 8, "show.scatter label classes");
  emit({
    kind: "scatter",
    title: text(options.title, "Scatter plot"),
    xLabel: text(options.xLabel, "x"),
    yLabel: text(options.yLabel, "y"),
    points: Array.from({ length: m.rows }, (_, i) => [m.values[2 * i]!, m.values[2 * i + 1]!, labels ? classes.indexOf(labels[i]!) : 0]),
    classNames: classes.map((c) => `label ${c}`),
  });
}

function heatmap(values: Numbers | number[][], options: Labels = {}) {
  const m = matrix(values, "show.heatmap");
  limit(m.values.length, CHART_LIMITS.heatmapCells, "show.heatmap");
  emit({
    kind: "heatmap",
    title: text(options.title, "Heatmap"),
    xLabel: text(options.xLabel, "column"),
    yLabel: text(options.yLabel, "row"),
    ...m,
  });
}

type Cell = number | string | boolean | null;

function table(rows: Record<string, unknown>[] | Numbers | number[][], options: { title?: string; columns?: string[] } = {}) {
  let columns: string[];
  let body: Cell[][];
  const toCell = (v: unknown): Cell =>
    typeof v === "number" ? (Number.isFinite(v) ? v : String(v)) : typeof v === "boolean" || v === null ? v : String(v).slice(0, 200);
  if (Array.isArray(rows) && rows.length > 0 && !Array.isArray(rows[0]) && typeof rows[0] === "object") {
    const records = rows as Record<string, unknown>[];
    columns = options.columns ?? [...new Set(records.flatMap((r) => Object.keys(r)))];
    body = records.map((r) => columns.map((c) => toCell(r[c])));
  } else {
    const m =
      Array.isArray(rows) && rows.length === 0 ? { rows: 0, columns: 0, values: [] } : matrix(rows as Numbers | number[][], "show.table");
    columns = options.columns ?? Array.from({ length: m.columns }, (_, i) => `${i}`);
    body = Array.from({ length: m.rows }, (_, r) => m.values.slice(r * m.columns, (r + 1) * m.columns));
  }
  limit(columns.length, CHART_LIMITS.tableColumns, "show.table columns");
  limit(body.length, CHART_LIMITS.tableRows, "show.table rows");
  emit({ kind: "table", title: text(options.title, "Table"), columns: columns.map((c) => c.slice(0, CHART_LIMITS.text)), rows: body });
}

export const show = { line, scatter, heatmap, table };
