// Runs a lesson's code cell in Node on real tfjs (cpu) through the runner's own executor
// (lib/runner/execute.ts): same transpiler, seeded Math.random, "@lbr/show" and "@lbr/check".
import * as tf from "@tensorflow/tfjs";
import type { Verdict } from "@/lib/check";
import { executeCell } from "@/lib/runner/execute";
import { PLATFORM_MODULES } from "@/lib/runner/modules";
import type { ShowMessage } from "@/lib/show/messages";
import type { LessonCell } from "./lesson-cells";

const format = (args: unknown[]) =>
  args.map((a) => (a instanceof tf.Tensor ? a.toString() : typeof a === "string" ? a : JSON.stringify(a))).join(" ");

export type CellRun = {
  lines: string[];
  /** console.warn and console.error lines (also in `lines`). */
  warnings: string[];
  text: string;
  charts: ShowMessage[];
  verdicts: Verdict[];
  tensorsLeft: number;
  /** The error the code threw (a syntax error included), if it did. */
  error?: unknown;
};

/** Runs one cell with the platform's modules and `libraries` (e.g. { "course/dropout": lib }). */
export async function runCell(code: string, seed?: number, libraries: Record<string, unknown> = {}): Promise<CellRun> {
  await tf.setBackend("cpu");
  const run: CellRun = { lines: [], warnings: [], text: "", charts: [], verdicts: [], tensorsLeft: 0 };
  const out =
    (warn: boolean) =>
    (...args: unknown[]) => {
      const line = format(args);
      run.lines.push(line);
      if (warn) run.warnings.push(line);
    };
  // Like the sandbox, capture the global console too: library code may log there.
  const cellConsole = { log: out(false), info: out(false), debug: out(false), warn: out(true), error: out(true) };
  const globalConsole = { ...console };
  const printed = tf.Tensor.prototype.print;
  tf.Tensor.prototype.print = function print(this: tf.Tensor) {
    cellConsole.log(this);
  };
  Object.assign(console, cellConsole);
  try {
    const result = await executeCell({
      code,
      seed,
      modules: { ...PLATFORM_MODULES, ...libraries },
      console: cellConsole,
      onShow: (m) => run.charts.push(m),
      onCheck: (v) => run.verdicts.push(v),
    });
    if (result.kind === "syntax") run.error = new SyntaxError(`${result.error.message} (line ${result.error.line})`);
    else {
      run.tensorsLeft = result.tensorsLeft;
      if (!result.ok) run.error = result.error;
    }
  } finally {
    Object.assign(console, globalConsole);
    tf.Tensor.prototype.print = printed;
  }
  run.text = run.lines.join("\n");
  return run;
}

/** Runs one lesson cell and throws if it failed; returns what it printed. */
export async function runLessonCell(cell: LessonCell, seed = cell.seed, libraries: Record<string, unknown> = {}) {
  const run = await runCell(cell.code, seed, libraries);
  if (run.error) throw new Error(`${cell.id}: ${run.error instanceof Error ? run.error.message : String(run.error)}`);
  return run;
}

/** The number after `label` in a cell's output ("best epoch: 41" → 41). */
export function numberAfter(text: string, label: string): number {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}\\s*(-?[\\d.]+(?:e[-+]?\\d+)?)`).exec(text);
  if (!m) throw new Error(`no number after "${label}" in:\n${text}`);
  return Number(m[1]);
}
