// Chart specs for the dropout experiment, built from the worker's checkpoints (pure).
import type { LineSpec, ScatterSpec } from "@/lib/charts/spec";
import type { CheckpointMessage } from "./lab/protocol";
import { MOONS_DOMAIN, type Points } from "./lab/moons";

export type Curves = { plain: CheckpointMessage[]; dropout: CheckpointMessage[] };

const PLAIN = 0;
const DROPOUT = 1;
const NOISY = 2;

/** One line of a run's curve: a figure per checkpoint, plotted against the epoch. */
function curve(name: string, list: CheckpointMessage[], pick: (c: CheckpointMessage) => number, color: number, dashed = false) {
  return { name, color, dashed, points: list.map((c) => [c.epoch, pick(c)] as [number, number]) };
}

export function lossChart(curves: Curves, epochs: number): LineSpec {
  return {
    kind: "line",
    title: "Loss (cross-entropy) during training",
    xLabel: "epoch",
    yLabel: "loss",
    xDomain: [0, epochs],
    series: [
      curve("no dropout · train", curves.plain, (c) => c.trainLoss, PLAIN),
      curve("no dropout · validation", curves.plain, (c) => c.valLoss, PLAIN, true),
      curve("dropout · train, dropout on", curves.dropout, (c) => c.trainLossDropoutOn, NOISY),
      curve("dropout · train, dropout off", curves.dropout, (c) => c.trainLoss, DROPOUT),
      curve("dropout · validation", curves.dropout, (c) => c.valLoss, DROPOUT, true),
    ],
  };
}

export function accuracyChart(curves: Curves, epochs: number): LineSpec {
  return {
    kind: "line",
    title: "Accuracy during training",
    xLabel: "epoch",
    yLabel: "accuracy",
    xDomain: [0, epochs],
    yDomain: [0.4, 1],
    series: [
      curve("no dropout · train", curves.plain, (c) => c.trainAcc, PLAIN),
      curve("no dropout · validation", curves.plain, (c) => c.valAcc, PLAIN, true),
      curve("dropout · train", curves.dropout, (c) => c.trainAcc, DROPOUT),
      curve("dropout · validation", curves.dropout, (c) => c.valAcc, DROPOUT, true),
    ],
  };
}

/** The training points as a scatter chart's [x₁, x₂, label] rows (keep one array per data set). */
export function scatterPoints(train: Points): [number, number, number][] {
  const points: [number, number, number][] = [];
  for (let i = 0; i < train.n; i += 1) points.push([train.xs[2 * i]!, train.xs[2 * i + 1]!, train.labels[i]!]);
  return points;
}

/**
 * A decision boundary: the shading is the model's P(class 1) on a grid. Pass the same `points`
 * array each time: the chart then redraws only the shading when a new grid arrives.
 */
export function boundaryChart(
  title: string,
  points: [number, number, number][],
  grid?: { size: number; values: ArrayLike<number> },
): ScatterSpec {
  return {
    kind: "scatter",
    title,
    xLabel: "x₁",
    yLabel: "x₂",
    points,
    classNames: ["class 0", "class 1"],
    xDomain: [...MOONS_DOMAIN.x],
    yDomain: [...MOONS_DOMAIN.y],
    background: grid ? { size: grid.size, values: Array.from(grid.values), x: [...MOONS_DOMAIN.x], y: [...MOONS_DOMAIN.y] } : undefined,
  };
}
