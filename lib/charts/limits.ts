// Chart limits, so a runaway cell cannot freeze the page.
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
