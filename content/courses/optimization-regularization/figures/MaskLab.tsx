"use client";
// The mask figure, interactive: draw fresh Bernoulli masks on a small MLP, change the rate and
// the mode, and watch the mean and variance of one unit's h′ approach the theory. Loaded after
// the page (by MaskLabLoader), it replaces the server's static figure showing the same pass.
import { useEffect, useId, useRef, useState } from "react";
import { defined } from "@/lib/invariant";
import {
  addPass,
  droppedShare,
  emptyStats,
  forwardPass,
  MASK_SEED,
  mulberry32,
  runPasses,
  sampleVariance,
  theoryVariance,
  unitMean,
  type MaskStats,
  type Mode,
  type Pass,
} from "./lab/mask";
import { DEFAULT_RATE, FIRST_PASS, FIRST_WATCHED, MaskCaption, MaskDiagram, NET } from "./MaskDiagram";

const UNITS = NET.h.length;
const PLAY_EVERY_MS = 800;
const MANY = 1000;

type Lab = { rate: number; mode: Mode; pass: Pass; stats: MaskStats };

const num = (v: number, digits = 3) => (Number.isNaN(v) ? "—" : v.toFixed(digits));
const count = (n: number) => n.toLocaleString("en-US");

export function MaskLab() {
  const id = useId();
  const [lab, setLab] = useState<Lab>({
    rate: DEFAULT_RATE,
    mode: "train",
    pass: FIRST_PASS,
    stats: addPass(emptyStats(UNITS), FIRST_PASS),
  });
  const [watched, setWatched] = useState(FIRST_WATCHED);
  const [playing, setPlaying] = useState(false);
  const [message, setMessage] = useState("");
  const random = useRef(mulberry32(MASK_SEED + 1));
  const latest = useRef(lab);
  // eslint-disable-next-line react-hooks/refs -- the latest state for the draw callbacks, read only outside render
  latest.current = lab;

  /** Draws `n` more passes with the current settings and returns the new state. */
  const draw = (n: number): Lab => {
    const current = latest.current;
    const next = { ...current, ...runPasses(NET, current.rate, current.mode, random.current, n, current.stats) };
    latest.current = next;
    setLab(next);
    return next;
  };

  /** New settings: counts start again from one fresh pass. */
  const reset = (rate: number, mode: Mode) => {
    const pass = forwardPass(NET, rate, mode, random.current);
    const next = { rate, mode, pass, stats: addPass(emptyStats(UNITS), pass) };
    latest.current = next;
    setLab(next);
  };

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => draw(1), PLAY_EVERY_MS);
    return () => clearInterval(timer);
  }, [playing]);

  const summary = (state: Lab) => {
    const dropped = state.pass.kept.filter((k) => !k).length;
    return state.mode === "eval" ? "evaluation mode, no unit dropped" : `${dropped} of ${UNITS} hidden units dropped`;
  };

  const { rate, mode, pass, stats } = lab;
  // `watched` is one of the select's options: an index into NET.h.
  const h = defined(NET.h[watched], "the watched unit's h");
  const share = droppedShare(stats);

  return (
    <figure
      className="lab lab-mask"
      aria-labelledby={`${id}-caption`}
      data-rate={rate.toFixed(2)}
      data-mode={mode}
      data-passes={stats.passes}
    >
      <MaskDiagram net={NET} pass={pass} rate={rate} mode={mode} watched={watched} titleId={id} />
      <MaskCaption id={`${id}-caption`} />
      <div className="lab-controls">
        <div className="lab-rate">
          <label htmlFor={`${id}-rate`}>Drop rate p</label>
          <input
            id={`${id}-rate`}
            type="range"
            min={0}
            max={0.9}
            step={0.05}
            value={rate}
            onChange={(e) => reset(Number(e.currentTarget.value), mode)}
          />
          {/* Not an <output>: that is a live region, and the slider already announces its value. */}
          <span className="lab-rate-value">{rate.toFixed(2)}</span>
        </div>
        <fieldset className="lab-mode">
          <legend>Mode</legend>
          {(["train", "eval"] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={m}
                checked={mode === m}
                onChange={() => {
                  reset(rate, m);
                  setMessage(
                    m === "eval"
                      ? "Evaluation mode: nothing is dropped or scaled, h′ = h. Counts reset."
                      : "Training mode: a fresh mask every pass. Counts reset.",
                  );
                }}
              />{" "}
              {m === "train" ? "Training" : "Evaluation"}
            </label>
          ))}
        </fieldset>
        <div className="lab-buttons">
          <button type="button" onClick={() => setMessage(`Pass ${count(draw(1).stats.passes)}: ${summary(latest.current)}.`)}>
            Next mask
          </button>
          <button
            type="button"
            onClick={() => {
              setPlaying(!playing);
              setMessage(
                playing
                  ? `Paused after ${count(latest.current.stats.passes)} passes: ${summary(latest.current)}.`
                  : "Playing: a new mask every 0.8 seconds.",
              );
            }}
          >
            {playing ? "Pause" : "Play"}
          </button>
          <button
            type="button"
            onClick={() => {
              const next = draw(MANY);
              setMessage(
                `Added ${count(MANY)} passes, ${count(next.stats.passes)} in total. Unit ${watched + 1}: mean of h′ ${num(unitMean(next.stats, watched))}, h = ${num(h)}.`,
              );
            }}
          >
            Run {count(MANY)} passes
          </button>
        </div>
      </div>
      <div className="lab-readout">
        <label>
          Watch hidden unit{" "}
          <select value={watched} onChange={(e) => setWatched(Number(e.currentTarget.value))}>
            {NET.h.map((v, j) => (
              <option key={j} value={j}>
                {j + 1} (h = {v.toFixed(2)})
              </option>
            ))}
          </select>
        </label>
        <table>
          <caption>
            h′ of unit {watched + 1} over {count(stats.passes)} pass{stats.passes === 1 ? "" : "es"} (
            {mode === "train" ? `training, p = ${rate.toFixed(2)}` : "evaluation"})
          </caption>
          <thead>
            <tr>
              <td />
              <th scope="col">measured</th>
              <th scope="col">theory</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">mean</th>
              <td data-stat="mean">{num(unitMean(stats, watched))}</td>
              <td>h = {num(h)}</td>
            </tr>
            <tr>
              <th scope="row">variance</th>
              <td data-stat="variance">{num(sampleVariance(stats, watched))}</td>
              <td>
                {mode === "train" ? "h²·p/(1 − p)" : "0 (h′ = h)"} = {num(theoryVariance(h, rate, mode))}
              </td>
            </tr>
          </tbody>
        </table>
        <p className="lab-share">
          Dropped so far: <span data-stat="share">{Number.isNaN(share) ? "—" : `${(share * 100).toFixed(1)}%`}</span> of{" "}
          {count(stats.passes * UNITS)} unit draws (rate p = {rate.toFixed(2)}
          {mode === "eval" ? ", ignored in evaluation" : ""}).
        </p>
        <p className="lab-status" role="status">
          {message}
        </p>
      </div>
    </figure>
  );
}
