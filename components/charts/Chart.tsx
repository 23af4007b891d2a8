"use client";
// One chart on the page: a titled figure with a text alternative, drawn by Observable Plot
// (loaded on first use), redrawn at most every REDRAW_MS while its data streams in, and on
// resize or a change of colour scheme.
import "./charts.css";
import { memo, useEffect, useRef, useState } from "react";
import { describeChart } from "@/lib/charts/describe";
import type { ChartSpec, TableSpec } from "@/lib/charts/spec";
import { Legend } from "./Legend";

const REDRAW_MS = 400;
const loadRenderer = () => import("./render");

/**
 * Charts draw one at a time, each in its own task and frame: when several live charts are due
 * together, drawing them all at once would make one long task (and one long frame) of them.
 * The latest job of a chart replaces one still waiting, which keeps its place in the queue.
 */
const drawQueue = new Map<object, () => void>();
let draining = false;

function queueDraw(owner: object, job: () => void) {
  drawQueue.set(owner, job);
  if (draining) return;
  draining = true;
  setTimeout(drawNext, 0);
}

function drawNext() {
  const next = drawQueue.entries().next();
  if (next.done) {
    draining = false;
    return;
  }
  const [owner, job] = next.value;
  drawQueue.delete(owner);
  job();
  // After this chart's frame has been drawn (rAF runs just before it), the next chart.
  requestAnimationFrame(() => setTimeout(drawNext, 0));
}

function Table({ spec }: { spec: TableSpec }) {
  return (
    <div className="chart-table" tabIndex={0} role="region" aria-label={`Table: ${spec.title}`}>
      <table>
        <thead>
          <tr>
            {spec.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((row, r) => (
            <tr key={r}>
              {spec.columns.map((_, c) => (
                <td key={c}>{formatCell(row[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatCell(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (value === null || value === undefined) return "";
  return String(value);
}

/** Re-renders only for a new spec object (lab figures keep unchanged specs by identity). */
export const Chart = memo(function Chart({ spec, className }: { spec: ChartSpec; className?: string }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const specRef = useRef(spec);
  // eslint-disable-next-line react-hooks/refs -- the latest spec for the redraw callback, read only outside render
  specRef.current = spec;
  const [redraws, setRedraws] = useState(0);
  const [description, setDescription] = useState(() => describeChart(spec));

  // Theme and size changes ask for a redraw.
  useEffect(() => {
    const host = hostRef.current;
    if (!host || spec.kind === "table") return;
    let lastWidth = host.clientWidth;
    const observer = new ResizeObserver(() => {
      if (Math.abs(host.clientWidth - lastWidth) > 8) {
        lastWidth = host.clientWidth;
        setRedraws((n) => n + 1);
      }
    });
    observer.observe(host);
    const scheme = matchMedia("(prefers-color-scheme: dark)");
    const onScheme = () => setRedraws((n) => n + 1);
    scheme.addEventListener("change", onScheme);
    return () => {
      observer.disconnect();
      scheme.removeEventListener("change", onScheme);
    };
  }, [spec.kind]);

  // Draw, throttled: streaming data calls this often, the page draws at most every REDRAW_MS.
  const lastDraw = useRef(0);
  useEffect(() => {
    const host = hostRef.current;
    if (!host || spec.kind === "table") return;
    let cancelled = false;
    const wait = Math.max(0, lastDraw.current + REDRAW_MS - performance.now());
    const timer = setTimeout(() => {
      void loadRenderer().then(({ drawChart, readTheme }) => {
        queueDraw(host, () => {
          if (cancelled) return;
          const current = specRef.current;
          if (current.kind === "table") return;
          const started = (lastDraw.current = performance.now());
          drawChart(host, current, Math.max(240, host.clientWidth), readTheme(host));
          // A user-timing entry per redraw: the lab benchmark reports the slowest.
          performance.measure(`chart ${current.kind}`, { start: started });
          setDescription(describeChart(current));
        });
      });
    }, wait);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [spec, redraws]);

  return (
    <figure className={`chart ${className ?? ""}`} data-chart-kind={spec.kind}>
      <figcaption className="chart-title">{spec.title}</figcaption>
      {spec.kind === "line" && spec.series.length + (spec.bands?.length ?? 0) > 1 ? <Legend spec={spec} /> : null}
      {spec.kind === "table" ? <Table spec={spec} /> : <div ref={hostRef} className="chart-plot" role="img" aria-label={description} />}
    </figure>
  );
});
