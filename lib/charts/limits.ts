// Chart size limits, shared by the sandbox's show.* API (no zod there) and the page's schemas.
/** Limits a chart from a cell cannot exceed (a runaway cell must not freeze the page). */
export const CHART_LIMITS = {
  series: 8,
  pointsPerSeries: 5_000,
  scatterPoints: 5_000,
  heatmapCells: 40_000,
  tableRows: 200,
  tableColumns: 20,
  charts: 12,
  text: 80,
} as const;
