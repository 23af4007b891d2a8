// The Monte Carlo dropout chapter's claim: the spread of T stochastic passes is small where the
// model saw data and large in the gap between the two stretches of data (real tfjs, cpu).
import * as tf from "@tensorflow/tfjs";
import { DEFAULT_MC } from "./defaults";
import { runMcDropout, spreads, truth, type McResult } from "./mc";

jest.setTimeout(300_000);

const SEEDS = [1, 2, 3];
const results: McResult[] = [];

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
  for (const seed of SEEDS) results.push(await runMcDropout({ ...DEFAULT_MC, seed }));
});

it("fits the curve where there is data", () => {
  for (const r of results) {
    const errors = r.grid.flatMap((x, i) => ((x > -2.6 && x < -1.2) || (x > 1.6 && x < 2.6) ? [Math.abs(r.mean[i]! - truth(x))] : []));
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThan(0.3);
  }
});

it("is at least 1.5× as uncertain in the gap as where it saw data, for every seed", () => {
  for (const r of results) {
    const s = spreads(r);
    expect(s.gap).toBeGreaterThan(1.5 * s.inData);
  }
});

it("frees every tensor it made", () => {
  expect(tf.memory().numTensors).toBe(0);
});
