// The cells' output API on real tfjs (cpu): what it sends is what the page's schema accepts, and
// what the page rebuilds from the stream equals what the cell added.
import * as tf from "@tensorflow/tfjs";
import { applyChartEvent, NO_CHARTS } from "@/components/code-cell/charts";
import type { LineSpec } from "@/lib/charts/spec";
import { fromSandboxSchema } from "@/lib/runner/protocol";
import { connectShow, flushShow, show } from "./index";
import type { ShowMessage } from "./messages";

let sent: ShowMessage[] = [];

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});
beforeEach(() => {
  sent = [];
  connectShow((m) => sent.push(structuredClone(m))); // postMessage copies, as here
});
afterEach(() => connectShow(null));

/** Every message as the page would receive it: parsed by the real schema, then applied. */
function onPage() {
  let state = NO_CHARTS;
  for (const m of sent) {
    const parsed = fromSandboxSchema.parse({ ...m, runId: "run-1" });
    if (parsed.type === "chart" || parsed.type === "chart-append") state = applyChartEvent(state, parsed);
  }
  return state.charts.map((c) => c.spec);
}

it("draws a line chart from tensors and arrays, with x values", () => {
  show.line({ train: tf.tensor1d([3, 2, 1]), val: [4, 3, 3.5] }, { title: "Loss", x: [10, 20, 30], xLabel: "epoch", yLabel: "loss" });
  const [spec] = onPage() as LineSpec[];
  expect(spec!.title).toBe("Loss");
  expect(spec!.series.map((s) => [s.name, s.points])).toEqual([
    [
      "train",
      [
        [10, 3],
        [20, 2],
        [30, 1],
      ],
    ],
    [
      "val",
      [
        [10, 4],
        [20, 3],
        [30, 3.5],
      ],
    ],
  ]);
});

it("streams points into a live line, new series included, without losing any", () => {
  const live = show.line({}, { title: "Live" });
  for (let i = 1; i <= 30; i += 1) live.add(i, i < 10 ? { a: i } : { a: i, b: -i });
  flushShow();
  const [spec] = onPage() as LineSpec[];
  expect(spec!.series[0]!.points).toHaveLength(30);
  expect(spec!.series[1]!.points).toEqual(Array.from({ length: 21 }, (_, k) => [k + 10, -(k + 10)]));
  // Streamed points are batched, not one message each.
  expect(sent.length).toBeLessThan(10);
});

it("draws scatter plots with label classes, heatmaps from 2-D tensors, and tables", () => {
  show.scatter(
    tf.tensor2d([
      [0, 0],
      [1, 1],
      [2, 0],
    ]),
    { labels: [5, 7, 5] },
  );
  show.heatmap(
    tf.tensor2d([
      [0, 1, 2],
      [3, 4, 5],
    ]),
  );
  show.table([
    { rate: 0.5, zeroed: 0.49 },
    { rate: 0.3, note: "x" },
  ]);
  const [scatter, heatmap, table] = onPage();
  expect(scatter).toMatchObject({
    kind: "scatter",
    points: [
      [0, 0, 0],
      [1, 1, 1],
      [2, 0, 0],
    ],
    classNames: ["label 5", "label 7"],
  });
  expect(heatmap).toMatchObject({ kind: "heatmap", rows: 2, columns: 3, values: [0, 1, 2, 3, 4, 5] });
  expect(table).toMatchObject({
    kind: "table",
    columns: ["rate", "zeroed", "note"],
    rows: [
      [0.5, 0.49, ""],
      [0.3, "", "x"],
    ].map((r) => r.map((v) => (v === "" ? "undefined" : v))),
  });
});

it("rejects what the page could not draw, with a message that says what to do", () => {
  expect(() => show.heatmap(tf.ones([300, 300]))).toThrow(/at most 40,000 values.*got 90,000.*Slice or average/);
  expect(() => show.heatmap(tf.ones([2, 2, 2]))).toThrow(/2-D tensor, got shape \[2, 2, 2\]/);
  expect(() => show.scatter([[1, 2, 3]])).toThrow(/2 columns/);
  expect(() => show.line([1, NaN])).toThrow(/finite numbers/);
  expect(() => show.scatter([[0, 0]], { labels: [1, 2] })).toThrow(/expected 1 labels, got 2/);
  expect(sent).toEqual([]);
});

it("allows at most 12 charts per run", () => {
  for (let i = 0; i < 12; i += 1) show.line([i]);
  expect(() => show.line([1])).toThrow(/at most 12 charts per run/);
});

it("drops output when no run is connected", () => {
  connectShow(null);
  show.line([1, 2]);
  expect(sent).toEqual([]);
});
