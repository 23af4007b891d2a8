"use client";
// Monte Carlo dropout, live: train a 1-D regression with dropout in the lab worker, then draw
// the mean of T stochastic passes and a ±2 standard deviation band over the data.
import { useEffect, useId, useState } from "react";
import { Chart } from "@/components/charts/Chart";
import type { LineSpec } from "@/lib/charts/spec";
import { DEFAULT_MC } from "./lab/defaults";
import { spreads } from "./lab/mc-spread";
import type { McConfig } from "./lab/mc-schema";
import type { FromLab } from "./lab/protocol";
import { RangeControl } from "./RangeControl";
import { useLabRun, warmLab } from "./useLabRun";

type Result = Extract<FromLab, { type: "mc-result" }>;
type Phase =
  | { kind: "idle" }
  | { kind: "training"; epoch: number }
  | { kind: "done"; ms: number; backend: string }
  | { kind: "error"; message: string };

function bandChart(result: Result, samples: number): LineSpec {
  return {
    kind: "line",
    title: `Prediction: mean of ${samples} passes with dropout on, and ±2 standard deviations`,
    xLabel: "input x",
    yLabel: "output y",
    xDomain: [result.grid[0]!, result.grid.at(-1)!],
    series: [{ name: "MC mean", color: 1, points: result.grid.map((x, i) => [x, result.mean[i]!]) }],
    bands: [
      {
        name: "mean ± 2 std",
        color: 1,
        points: result.grid.map((x, i) => [x, result.mean[i]! - 2 * result.std[i]!, result.mean[i]! + 2 * result.std[i]!]),
      },
    ],
    dots: { name: "training data", points: result.data.xs.map((x, i) => [x, result.data.ys[i]!]) },
  };
}

export function McDropoutDemo() {
  const [config, setConfig] = useState<McConfig>(DEFAULT_MC);
  const [result, setResult] = useState<Result | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const titleId = useId();
  const busy = phase.kind === "training";

  const lab = useLabRun({
    onMessage: (message) => {
      if (message.type === "mc-progress") setPhase({ kind: "training", epoch: message.epoch });
      if (message.type === "mc-result") setResult(message);
    },
    onDone: ({ ms, backend }) => setPhase({ kind: "done", ms, backend }),
    onError: (message) => setPhase({ kind: "error", message }),
  });

  useEffect(warmLab, []);

  function run() {
    setPhase({ kind: "training", epoch: 0 });
    void lab.start({ type: "mc", config });
  }

  const s = result ? spreads(result) : null;
  const set = (key: keyof McConfig) => (value: number) => setConfig((c) => ({ ...c, [key]: value }));

  return (
    <section className="lab lab-mc" aria-labelledby={titleId} data-lab="mc-dropout">
      <p id={titleId} className="lab-title">
        Try it: Monte Carlo dropout on a 1-D regression
      </p>
      <p className="lab-intro">
        A network with two hidden layers of {config.hidden} units and dropout (rate {config.rate}) is trained on noisy samples from two
        stretches of a curve, with a gap between them and nothing beyond either end. Then dropout stays on and the network is run{" "}
        {config.samples} times on every input.
      </p>
      <fieldset className="lab-settings" disabled={busy}>
        <legend>Settings</legend>
        <RangeControl
          label="Dropout rate"
          value={config.rate}
          min={0.05}
          max={0.5}
          step={0.05}
          format={(v) => v.toFixed(2)}
          onChange={set("rate")}
        />
        <RangeControl label="Passes T" value={config.samples} min={5} max={200} step={5} onChange={set("samples")} />
        <RangeControl label="Seed" value={config.seed} min={1} max={20} step={1} onChange={set("seed")} />
      </fieldset>
      <div className="lab-actions">
        <button type="button" className="lab-primary" onClick={run} disabled={busy}>
          {result ? "Train and sample again" : "Train and sample"}
        </button>
        <progress
          max={config.epochs}
          value={phase.kind === "training" ? phase.epoch : result ? config.epochs : 0}
          aria-label="Training progress"
        />
      </div>
      <p className="lab-status" role="status">
        {phase.kind === "training" && `Training… epoch ${phase.epoch} of ${config.epochs}`}
        {phase.kind === "done" && `Trained and sampled in ${(phase.ms / 1000).toFixed(1)} s (${phase.backend} backend, in a worker).`}
        {phase.kind === "error" && `The demonstration failed: ${phase.message}`}
      </p>
      {result ? <Chart spec={bandChart(result, config.samples)} /> : null}
      {s ? (
        <p className="lab-readout">
          Average standard deviation of the {config.samples} passes: <strong>{s.inData.toFixed(2)}</strong> where there is training data,{" "}
          <strong>{s.gap.toFixed(2)}</strong> in the gap, <strong>{s.outside.toFixed(2)}</strong> beyond |x| = 4.
        </p>
      ) : null}
    </section>
  );
}
