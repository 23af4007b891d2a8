// Runs one code cell and frees the tensors it made (the worker's and the tests').
import * as tf from "@tensorflow/tfjs";
import { connectCheck, type Verdict } from "@/lib/check";
import { mulberry32 } from "@/lib/random";
import { connectShow, flushShow } from "@/lib/show";
import type { ShowMessage } from "@/lib/show/messages";
import { transpile, type Transpiled } from "./transpile";

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

export type CellConsole = Pick<Console, "log" | "info" | "warn" | "error" | "debug">;

export type ExecuteOptions = {
  code: string;
  seed?: number;
  modules: Readonly<Record<string, unknown>>;
  console: CellConsole;
  onShow?: (message: ShowMessage) => void;
  onCheck?: (verdict: Verdict) => void;
  /** Called before `settle`, so the error shows while timers finish. */
  onError?: (error: unknown) => void;
  /** Awaited before the run's tensors are freed. */
  settle?: () => Promise<void>;
};

export type Execution =
  { kind: "syntax"; error: Extract<Transpiled, { ok: false }> } | { kind: "ran"; ok: boolean; error?: unknown; tensorsLeft: number };

/** Never throws for the cell's own errors. */
export async function executeCell(options: ExecuteOptions): Promise<Execution> {
  const compiled = transpile(options.code);
  if (!compiled.ok) return { kind: "syntax", error: compiled };
  const require = (name: string): unknown => {
    if (Object.hasOwn(options.modules, name)) return options.modules[name];
    const known = Object.keys(options.modules).map((m) => `"${m}"`);
    throw new Error(`Cannot import "${name}": cells can import ${known.join(", ")}`);
  };
  const nativeRandom = Math.random;
  // tfjs seeds its ops from Math.random.
  if (options.seed !== undefined) Math.random = mulberry32(options.seed);
  const before = tf.memory().numTensors;
  connectShow(options.onShow ?? null);
  connectCheck(options.onCheck ?? null);
  tf.engine().startScope();
  let error: unknown;
  let ok = true;
  try {
    await new AsyncFunction("require", "exports", "console", compiled.js)(require, {}, options.console);
  } catch (e) {
    ok = false;
    error = e;
    options.onError?.(e);
  } finally {
    await options.settle?.();
    Math.random = nativeRandom;
    flushShow();
    connectShow(null);
    connectCheck(null);
  }
  const tensorsLeft = tf.memory().numTensors - before;
  tf.engine().endScope();
  tf.disposeVariables();
  return { kind: "ran", ok, error, tensorsLeft };
}
