// What a chart shows, as plain data (rendering: components/charts/).
import { z } from "zod";
import { CHART_LIMITS } from "./limits";

export { CHART_LIMITS };

const label = z.string().max(CHART_LIMITS.text);
const finite = z.number().refine(Number.isFinite, "must be a finite number");
const point = z.tuple([finite, finite]);

export const lineSpecSchema = z.object({
  kind: z.literal("line"),
  title: label,
  xLabel: label,
  yLabel: label,
  series: z
    .array(
      z.object({
        name: label,
        points: z.array(point).max(CHART_LIMITS.pointsPerSeries),
        dashed: z.boolean().optional(),
        /** Colour slot; series of one group (train/val of one run) share one. */
        color: z.number().int().min(0).max(7).optional(),
      }),
    )
    .max(CHART_LIMITS.series),
  /** [x, low, high], e.g. mean ± 2 standard deviations. */
  bands: z
    .array(
      z.object({
        name: label,
        points: z.array(z.tuple([finite, finite, finite])).max(CHART_LIMITS.pointsPerSeries),
        color: z.number().int().min(0).max(7).optional(),
      }),
    )
    .max(4)
    .optional(),
  dots: z.object({ name: label, points: z.array(point).max(CHART_LIMITS.scatterPoints) }).optional(),
  yDomain: z.tuple([finite, finite]).optional(),
  xDomain: z.tuple([finite, finite]).optional(),
});

export const scatterSpecSchema = z.object({
  kind: z.literal("scatter"),
  title: label,
  xLabel: label,
  yLabel: label,
  /** [x, y, class]. */
  points: z.array(z.tuple([finite, finite, z.number().int().min(0).max(7)])).max(CHART_LIMITS.scatterPoints),
  classNames: z.array(label).max(8).optional(),
  /** Probability of class 1 on a square grid, row by row from the top. */
  background: z
    .object({
      size: z.number().int().min(2).max(100),
      values: z.array(z.number().min(0).max(1)),
      x: z.tuple([finite, finite]),
      y: z.tuple([finite, finite]),
    })
    .refine((b) => b.values.length === b.size * b.size, "background.values must have size × size entries")
    .optional(),
  xDomain: z.tuple([finite, finite]).optional(),
  yDomain: z.tuple([finite, finite]).optional(),
});

export const heatmapSpecSchema = z
  .object({
    kind: z.literal("heatmap"),
    title: label,
    xLabel: label,
    yLabel: label,
    rows: z.number().int().min(1).max(1000),
    columns: z.number().int().min(1).max(1000),
    /** Row by row (row 0 at the top). */
    values: z.array(finite).max(CHART_LIMITS.heatmapCells),
  })
  .refine((h) => h.values.length === h.rows * h.columns, "values must have rows × columns entries");

const cell = z.union([finite, z.string().max(200), z.boolean(), z.null()]);
export const tableSpecSchema = z.object({
  kind: z.literal("table"),
  title: label,
  columns: z.array(label).min(1).max(CHART_LIMITS.tableColumns),
  rows: z.array(z.array(cell).max(CHART_LIMITS.tableColumns)).max(CHART_LIMITS.tableRows),
});

export const chartSpecSchema = z.union([lineSpecSchema, scatterSpecSchema, heatmapSpecSchema, tableSpecSchema]);

export type LineSpec = z.infer<typeof lineSpecSchema>;
export type ScatterSpec = z.infer<typeof scatterSpecSchema>;
export type HeatmapSpec = z.infer<typeof heatmapSpecSchema>;
export type TableSpec = z.infer<typeof tableSpecSchema>;
export type ChartSpec = z.infer<typeof chartSpecSchema>;
