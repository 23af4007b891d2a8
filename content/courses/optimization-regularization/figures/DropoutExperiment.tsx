"use client";
// The with/without-dropout experiment: one click trains the same seeded MLP twice on noisy
// two-moons data (in the lab worker, off the main thread) and draws both runs live.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Chart } from "@/components/charts/Chart";
import { experimentData } from "./lab/data";
import { DEFAULT_EXPERIMENT } from "./lab/defaults";
import type { ExperimentConfig } from "./lab/schema";
import { accuracyChart, boundaryChart, lossChart, scatterPoints, type Curves } from "./experiment-charts";
import { RangeControl } from "./RangeControl";
import { useLabRun, warmLab } from "./useLabRun";

const GRID_SIZE = 40;

type Phase =
  | { kind: "idle" }
  | { kind: "starting" }
  | { kind: "running"; epoch: number }
  | { kind: "done"; ms: number; backend: string }
  | { kind: "stopped"; epoch: number }
  | { kind: "error"; message: string };
type Grids = { size: number; plain: ArrayLike<number>; dropout: ArrayLike<number> };

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function DropoutExperiment() {
  const [config, setConfig] = useState<ExperimentConfig>(DEFAULT_EXPERIMENT);
  const [curves, setCurves] = useState<Curves>({ plain: [], dropout: [] });
  const [grids, setGrids] = useState<Grids | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [ran, setRan] = useState<ExperimentConfig | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  // The last epoch received, kept outside React state: Stop may be clicked before a checkpoint's
  // state update has rendered, and the status must name the epoch the charts will show.
  const lastEpochRef = useRef(0);
  const titleId = useId();
  const running = phase.kind === "starting" || phase.kind === "running";

  const shown = ran ?? config;
  const points = useMemo(() => scatterPoints(experimentData(shown).train), [shown]);
  // Boundaries change only when a new grid arrives: the same spec object means no redraw.
  const boundaries = useMemo(
    () => [
      boundaryChart("Without dropout: decision boundary", points, grids ? { size: grids.size, values: grids.plain } : undefined),
      boundaryChart(
        `With dropout (rate ${shown.rate}): decision boundary`,
        points,
        grids ? { size: grids.size, values: grids.dropout } : undefined,
      ),
    ],
    [points, grids, shown.rate],
  );

  // Warm the worker (and tfjs) when the experiment comes near the viewport.
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          warmLab();
        }
      },
      { rootMargin: "400px" },
    );
    observer.observe(root);
    return () => observer.disconnect();
  }, []);

  const lab = useLabRun({
    onMessage: (message) => {
      if (message.type !== "checkpoint") return;
      lastEpochRef.current = message.epoch;
      setCurves((c) => ({ plain: [...c.plain, message.plain], dropout: [...c.dropout, message.dropout] }));
      if (message.grids) setGrids(message.grids);
      setPhase({ kind: "running", epoch: message.epoch });
    },
    onDone: ({ ms, backend }) => setPhase({ kind: "done", ms, backend }),
    onError: (message) => setPhase({ kind: "error", message }),
  });

  function run() {
    setCurves({ plain: [], dropout: [] });
    setGrids(null);
    setRan(config);
    setPhase({ kind: "starting" });
    lastEpochRef.current = 0;
    void lab.start({ type: "experiment", config, gridSize: GRID_SIZE });
  }

  function stop() {
    void lab.stop();
    setPhase({ kind: "stopped", epoch: lastEpochRef.current });
  }

  const set = (key: keyof ExperimentConfig) => (value: number) => setConfig((c) => ({ ...c, [key]: value }));
  const epochsDone = phase.kind === "running" ? phase.epoch : (curves.plain.at(-1)?.epoch ?? 0);
  const lastPlain = curves.plain.at(-1);
  const lastDropout = curves.dropout.at(-1);
  const started = curves.plain.length > 0;

  return (
    <section ref={rootRef} className="lab lab-experiment" aria-labelledby={titleId} data-lab="experiment">
      <p id={titleId} className="lab-title">
        Experiment: the same network trained with and without dropout
      </p>
      <p className="lab-intro">
        A network with two hidden layers of {shown.hidden} units learns to separate two noisy half-moons from only {shown.trainSize}{" "}
        training points ({pct(shown.flip)} of the labels are wrong on purpose). Both runs start from identical weights and see identical
        data; one has dropout (rate {shown.rate}) after each hidden layer. Validation uses 500 fresh points.
      </p>
      <fieldset className="lab-settings" disabled={running}>
        <legend>Settings</legend>
        <RangeControl
          label="Dropout rate"
          value={config.rate}
          min={0.1}
          max={0.8}
          step={0.1}
          format={(v) => v.toFixed(1)}
          onChange={set("rate")}
        />
        <RangeControl label="Epochs" value={config.epochs} min={50} max={600} step={50} onChange={set("epochs")} />
        <RangeControl label="Hidden units per layer" value={config.hidden} min={16} max={128} step={16} onChange={set("hidden")} />
        <RangeControl label="Training points" value={config.trainSize} min={50} max={500} step={50} onChange={set("trainSize")} />
        <RangeControl label="Wrong labels" value={config.flip} min={0} max={0.3} step={0.05} format={pct} onChange={set("flip")} />
        <RangeControl label="Seed" value={config.seed} min={1} max={20} step={1} onChange={set("seed")} />
      </fieldset>
      <div className="lab-actions">
        <button type="button" className="lab-primary" onClick={run} disabled={running}>
          {started ? "Run again" : "Run the experiment"}
        </button>
        <button type="button" onClick={stop} disabled={!running}>
          Stop
        </button>
        <button type="button" onClick={() => setConfig(DEFAULT_EXPERIMENT)} disabled={running}>
          Default settings
        </button>
        <progress
          max={shown.epochs}
          value={epochsDone}
          aria-label="Training progress"
          aria-valuetext={`epoch ${epochsDone} of ${shown.epochs}`}
        />
      </div>
      <p className="lab-status" role="status">
        {phase.kind === "starting" && "Starting TensorFlow.js…"}
        {phase.kind === "running" && `Training… epoch ${phase.epoch} of ${shown.epochs}`}
        {phase.kind === "done" &&
          `Finished ${shown.epochs} epochs of both models in ${(phase.ms / 1000).toFixed(1)} s (${phase.backend} backend, in a worker).`}
        {phase.kind === "stopped" && `Stopped after epoch ${phase.epoch}.`}
        {phase.kind === "error" && `The experiment failed: ${phase.message}`}
      </p>
      <div className="lab-grid">
        {boundaries.map((spec) => (
          <Chart key={spec.title} spec={spec} />
        ))}
      </div>
      {started ? (
        <div className="lab-grid">
          <Chart spec={lossChart(curves, shown.epochs)} />
          <Chart spec={accuracyChart(curves, shown.epochs)} />
        </div>
      ) : null}
      {lastPlain && lastDropout ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Final figures">
          <table className="lab-results">
            <caption>After epoch {lastPlain.epoch} (losses measured with dropout off)</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Train loss</th>
                <th scope="col">Validation loss</th>
                <th scope="col">Gap</th>
                <th scope="col">Validation accuracy</th>
              </tr>
            </thead>
            <tbody>
              {[
                ["Without dropout", lastPlain],
                [`With dropout (${shown.rate})`, lastDropout],
              ].map(([name, c]) => {
                const cp = c as typeof lastPlain;
                return (
                  <tr key={name as string}>
                    <th scope="row">{name as string}</th>
                    <td>{cp.trainLoss.toFixed(3)}</td>
                    <td>{cp.valLoss.toFixed(3)}</td>
                    <td>{(cp.valLoss - cp.trainLoss).toFixed(3)}</td>
                    <td>{pct(cp.valAcc)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
