// Runs a lesson's code cells in Node on real tfjs (cpu), as the page's runner would: same
// transpiler, same seeded Math.random, the real "@lbr/show"; returns what the cell printed.
import * as tf from "@tensorflow/tfjs";
import { mulberry32 } from "@/lib/random";
import { transpile } from "@/lib/runner/transpile";
import { connectShow, flushShow, show } from "@/lib/show";
import type { ShowMessage } from "@/lib/show/messages";
import type { LessonCell } from "./lesson-cells";

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

const format = (args: unknown[]) =>
  args.map((a) => (a instanceof tf.Tensor ? a.toString() : typeof a === "string" ? a : JSON.stringify(a))).join(" ");

/** Runs one cell; returns its console lines, its chart messages and how many tensors it left. */
export async function runLessonCell(cell: LessonCell, seed = cell.seed) {
  await tf.setBackend("cpu");
  const compiled = transpile(cell.code);
  if (!compiled.ok) throw new Error(`${cell.id}: ${compiled.message} (line ${compiled.line})`);
  const lines: string[] = [];
  const charts: ShowMessage[] = [];
  const modules: Record<string, unknown> = { "@tensorflow/tfjs": tf, "@lbr/show": { show } };
  const require = (name: string) => {
    if (!(name in modules)) throw new Error(`${cell.id}: cannot import ${name}`);
    return modules[name];
  };
  const cellConsole = {
    log: (...a: unknown[]) => lines.push(format(a)),
    warn: (...a: unknown[]) => lines.push(format(a)),
    error: (...a: unknown[]) => lines.push(format(a)),
  };
  const nativeRandom = Math.random;
  if (seed !== undefined) Math.random = mulberry32(seed);
  const before = tf.memory().numTensors;
  connectShow((m) => charts.push(m));
  tf.engine().startScope();
  let tensorsLeft = 0;
  try {
    await new AsyncFunction("require", "exports", "console", compiled.js)(require, {}, cellConsole);
  } finally {
    Math.random = nativeRandom;
    flushShow();
    connectShow(null);
    tensorsLeft = tf.memory().numTensors - before;
    tf.engine().endScope();
    tf.disposeVariables();
  }
  return { lines, text: lines.join("\n"), charts, tensorsLeft };
}

/** The number after `label` in a cell's output ("best epoch: 41" → 41). */
export function numberAfter(text: string, label: string): number {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}\\s*(-?[\\d.]+(?:e[-+]?\\d+)?)`).exec(text);
  if (!m) throw new Error(`no number after "${label}" in:\n${text}`);
  return Number(m[1]);
}
