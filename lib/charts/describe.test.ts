// Text alternatives of charts: what a screen reader hears instead of the picture.
import { describeChart } from "./describe";

it("names each line's length and last value, and the bands", () => {
  expect(
    describeChart({
      kind: "line",
      title: "Loss",
      xLabel: "epoch",
      yLabel: "loss",
      series: [
        {
          name: "train",
          points: [
            [1, 0.9],
            [2, 0.4512],
          ],
        },
        { name: "val", points: [] },
      ],
      bands: [{ name: "± 2 std", points: [[1, 0, 1]] }],
    }),
  ).toBe('Line chart "Loss", loss against epoch. train: 2 points, last 0.451 at epoch 2; val: no points yet; a shaded band "± 2 std".');
});

it("counts scatter points per class and says what the shading means", () => {
  const text = describeChart({
    kind: "scatter",
    title: "Data",
    xLabel: "x",
    yLabel: "y",
    points: [
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 1],
    ],
    classNames: ["class 0", "class 1"],
    background: { size: 2, values: [0, 1, 1, 0], x: [0, 1], y: [0, 1] },
  });
  expect(text).toMatch(/^Scatter plot "Data", y against x: 3 points \(1 of class 0, 2 of class 1\)\. The background shades/);
});

it("gives a heatmap's size and value range, and a table's shape", () => {
  expect(
    describeChart({ kind: "heatmap", title: "Mask", xLabel: "c", yLabel: "r", rows: 2, columns: 2, values: [0, 1.4286, 0, 1.4286] }),
  ).toBe('Heatmap "Mask" of 2 × 2 values from 0 to 1.43.');
  expect(describeChart({ kind: "table", title: "T", columns: ["a", "b"], rows: [[1, 2]] })).toBe('Table "T" with 1 rows and columns a, b.');
});
