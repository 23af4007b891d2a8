// The claim the lesson makes with the experiment must hold: the default configuration, trained on
// real tfjs (cpu backend) for five seeds, overfits less with dropout. If this fails after a change
// to the data, the model or the defaults, the demo no longer shows what the text says.
import * as tf from "@tensorflow/tfjs";
import { runExperiment, type Checkpoint, type ExperimentResult } from "./experiment";
import { DEFAULT_EXPERIMENT } from "./defaults";

jest.setTimeout(300_000); // five seeds × two models × 300 epochs on the cpu backend

const SEEDS = [1, 2, 3, 4, 5];
const results: ExperimentResult[] = [];
const dropoutCurves: Checkpoint[][] = [];

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
  await tf.ready();
  for (const seed of SEEDS) {
    const curve: Checkpoint[] = [];
    results.push(await runExperiment({ ...DEFAULT_EXPERIMENT, seed }, { onCheckpoint: (u) => void curve.push(u.dropout) }));
    dropoutCurves.push(curve);
  }
});

const gap = (c: { trainLoss: number; valLoss: number }) => c.valLoss - c.trainLoss;

it("runs every seed to the last epoch and frees every tensor", () => {
  expect(results.map((r) => r.epochs)).toEqual(SEEDS.map(() => DEFAULT_EXPERIMENT.epochs));
  expect(tf.memory().numTensors).toBe(0);
});

it("ends with a lower validation loss with dropout in at least 4 of 5 seeds", () => {
  const wins = results.filter((r) => r.dropout.valLoss < r.plain.valLoss).length;
  expect(wins).toBeGreaterThanOrEqual(4);
});

it("has a smaller train–validation gap with dropout in every seed", () => {
  for (const r of results) expect(gap(r.dropout)).toBeLessThan(gap(r.plain));
});

it("overfits visibly without dropout (the demo must show the problem it solves)", () => {
  // Near-perfect training loss but a much worse validation loss, in every seed.
  for (const r of results) {
    expect(r.plain.trainLoss).toBeLessThan(0.2);
    expect(r.plain.valLoss).toBeGreaterThan(2 * r.dropout.valLoss);
  }
});

it("measures the dropout run's training loss higher with dropout on than off (what the lesson says)", () => {
  for (const curve of dropoutCurves) {
    const above = curve.filter((c) => c.trainLossDropoutOn > c.trainLoss).length;
    expect(above / curve.length).toBeGreaterThanOrEqual(0.85);
  }
});
