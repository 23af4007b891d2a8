// The mask figure's drawing (inputs → hidden units after dropout → outputs, as an SVG) and its
// starting state, shared by the server's static figure and the interactive lab.
// Dropped units are dashed, struck through and show 0; their connections fade.
import { forwardPass, makeMaskNet, MASK_SEED, mulberry32, type MaskNet, type Mode, type Pass } from "./lab/mask";

export const NET = makeMaskNet();
export const DEFAULT_RATE = 0.5;
/** The first pass: the same on the server and in the browser, so the swap changes nothing shown. */
export const FIRST_PASS = forwardPass(NET, DEFAULT_RATE, "train", mulberry32(MASK_SEED));
/** The unit whose statistics the readout shows first: the most active one (widest spread of h′). */
export const FIRST_WATCHED = NET.h.indexOf(Math.max(...NET.h));

export function MaskCaption({ id }: { id: string }) {
  return (
    <figcaption id={id}>
      <strong>Dropout on a 4–12–3 network.</strong> Each forward pass draws a fresh mask: a dropped unit (dashed, struck through) passes on
      0; every other unit passes on h/(1 − p).
    </figcaption>
  );
}

const W = 352;
const TOP = 34; // below the column headings
const ROW = 30;
const BOX = { w: 84, h: 24 };
const HIDDEN_X = 128;
const OUT = { x: 276, w: 64 };
const IN_X = 28;
const IN_R = 13;

const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Text for screen readers and the no-JavaScript page: what this pass did (`detail` omits the mode). */
export function describePass(pass: Pass, rate: number, mode: Mode): { label: string; description: string; detail: string } {
  const units = pass.kept.length;
  const dropped = pass.kept.flatMap((k, i) => (k ? [] : [i + 1]));
  if (mode === "eval") {
    const detail = "No unit is dropped and nothing is scaled: every hidden unit passes on its activation h unchanged.";
    return {
      label: `Network diagram in evaluation mode: none of ${units} hidden units dropped`,
      description: `Evaluation mode. ${detail}`,
      detail,
    };
  }
  const detail =
    (dropped.length ? `Dropped (output 0): unit${dropped.length > 1 ? "s" : ""} ${dropped.join(", ")}.` : "No unit dropped this pass.") +
    (dropped.length < units ? ` The other ${units - dropped.length} pass on h scaled by 1/(1 − p) = ${fmt(1 / (1 - rate))}.` : "");
  return {
    label: `Network diagram in training mode: ${dropped.length} of ${units} hidden units dropped`,
    description: `Training mode, drop rate p = ${rate.toFixed(2)}. ${detail}`,
    detail,
  };
}

export function MaskDiagram({
  net,
  pass,
  rate,
  mode,
  watched,
  titleId,
}: {
  net: MaskNet;
  pass: Pass;
  rate: number;
  mode: Mode;
  watched: number;
  titleId: string;
}) {
  const hidden = net.h.length;
  const height = TOP + hidden * ROW + 8;
  const mid = TOP + (hidden * ROW) / 2;
  const hiddenY = (j: number) => TOP + j * ROW + ROW / 2;
  const spread = (count: number, gap: number) => (i: number) => mid + (i - (count - 1) / 2) * gap;
  const inY = spread(net.x.length, Math.min(70, (hidden * ROW) / net.x.length));
  const outY = spread(net.w2.length, Math.min(90, (hidden * ROW) / net.w2.length));
  const { label, description } = describePass(pass, rate, mode);

  return (
    <svg
      className="lab-svg"
      viewBox={`0 0 ${W} ${height}`}
      role="img"
      aria-labelledby={`${titleId}-t`}
      aria-describedby={`${titleId}-d`}
      data-mode={mode}
    >
      <title id={`${titleId}-t`}>{label}</title>
      <desc id={`${titleId}-d`}>{description}</desc>
      <g className="lab-heading">
        <text x={IN_X} y={16} textAnchor="middle">
          input x
        </text>
        <text x={HIDDEN_X + BOX.w / 2} y={16} textAnchor="middle">
          hidden h′
        </text>
        <text x={OUT.x + OUT.w / 2} y={16} textAnchor="middle">
          output y
        </text>
      </g>
      {net.h.map((_, j) => (
        <g key={j} className="lab-links" data-dropped={!pass.kept[j]}>
          {net.x.map((_, i) => (
            <line key={`i${i}`} x1={IN_X + IN_R} y1={inY(i)} x2={HIDDEN_X} y2={hiddenY(j)} />
          ))}
          {net.w2.map((_, k) => (
            <line key={`o${k}`} x1={HIDDEN_X + BOX.w} y1={hiddenY(j)} x2={OUT.x} y2={outY(k)} />
          ))}
        </g>
      ))}
      {net.x.map((x, i) => (
        <g key={i} className="lab-input">
          <circle cx={IN_X} cy={inY(i)} r={IN_R} />
          <text x={IN_X} y={inY(i) + 4} textAnchor="middle">
            {x.toFixed(1)}
          </text>
        </g>
      ))}
      {pass.hPrime.map((v, j) => {
        const y = hiddenY(j) - BOX.h / 2;
        const dropped = !pass.kept[j];
        return (
          <g key={j} className="lab-unit" data-unit={j + 1} data-dropped={dropped} data-watched={j === watched}>
            {j === watched ? <rect className="lab-watch" x={HIDDEN_X - 4} y={y - 3} width={BOX.w + 8} height={BOX.h + 6} rx={8} /> : null}
            <rect className="lab-box" x={HIDDEN_X} y={y} width={BOX.w} height={BOX.h} rx={6} />
            {dropped ? <line className="lab-strike" x1={HIDDEN_X + 2} y1={y + BOX.h - 2} x2={HIDDEN_X + BOX.w - 2} y2={y + 2} /> : null}
            <text className="lab-index" x={HIDDEN_X + 7} y={y + 16}>
              {j + 1}
            </text>
            <text className="lab-value" x={HIDDEN_X + BOX.w - 7} y={y + 17} textAnchor="end">
              {dropped ? "0" : fmt(v)}
            </text>
          </g>
        );
      })}
      {pass.y.map((v, k) => (
        <g key={k} className="lab-output">
          <rect x={OUT.x} y={outY(k) - BOX.h / 2} width={OUT.w} height={BOX.h} rx={12} />
          <text x={OUT.x + OUT.w / 2} y={outY(k) + 5} textAnchor="middle">
            {fmt(v)}
          </text>
        </g>
      ))}
    </svg>
  );
}
