// The legend of a line chart: each series' colour AND its line style (solid or dashed), which
// Plot's own colour legend cannot show. Decorative for screen readers: the chart's text
// alternative names every series.
import type { LineSpec } from "@/lib/charts/spec";

export function Legend({ spec }: { spec: LineSpec }) {
  const items = [
    ...spec.series.map((s, i) => ({ name: s.name, slot: s.color ?? i, dashed: !!s.dashed, band: false })),
    ...(spec.bands ?? []).map((b, i) => ({ name: b.name, slot: b.color ?? i, dashed: false, band: true })),
  ];
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((item) => (
        <li key={item.name}>
          <svg width="26" height="10" viewBox="0 0 26 10">
            {item.band ? (
              <rect x="0" y="1" width="26" height="8" style={{ fill: `var(--chart-${(item.slot % 8) + 1})`, opacity: 0.3 }} />
            ) : (
              <line
                x1="1"
                y1="5"
                x2="25"
                y2="5"
                strokeWidth="2.5"
                strokeDasharray={item.dashed ? "5 4" : undefined}
                style={{ stroke: `var(--chart-${(item.slot % 8) + 1})` }}
              />
            )}
          </svg>
          {item.name}
        </li>
      ))}
    </ul>
  );
}
