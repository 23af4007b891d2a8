// Runs one code cell: transpile, seed Math.random, connect "@lbr/show" and "@lbr/check", run in a
// tensor scope, then free what the run made. The sandbox worker and the tests share it.
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
  /** Modules by import name: PLATFORM_MODULES plus the courses' libraries. */
  modules: Readonly<Record<string, unknown>>;
  console: CellConsole;
  onShow?: (message: ShowMessage) => void;
  onCheck?: (verdict: Verdict) => void;
  /** Called at once when the code throws (before `settle`), so the error shows while timers finish. */
  onError?: (error: unknown) => void;
  /** Awaited after the code returns or throws, before the run's tensors are freed (timers still pending). */
  settle?: () => Promise<void>;
};

export type Execution =
  { kind: "syntax"; error: Extract<Transpiled, { ok: false }> } | { kind: "ran"; ok: boolean; error?: unknown; tensorsLeft: number };

/** Runs the cell's code and reports how it ended; it never throws for the cell's own errors. */
export async function executeCell(options: ExecuteOptions): Promise<Execution> {
  const compiled = transpile(options.code);
  if (!compiled.ok) return { kind: "syntax", error: compiled };
  const require = (name: string): unknown => {
    if (Object.hasOwn(options.modules, name)) return options.modules[name];
    const known = Object.keys(options.modules).map((m) => `"${m}"`);
    throw new Error(`Cannot import "${name}": cells can import ${known.join(", ")}`);
  };
  const nativeRandom = Math.random;
  // tfjs draws its op seeds from Math.random when none is given: one seed makes a run repeatable.
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
    flushShow(); // streamed chart points still buffered go out before the run ends
    connectShow(null);
    connectCheck(null);
  }
  const tensorsLeft = tf.memory().numTensors - before;
  // Each run starts clean: free what this run allocated, weights included.
  tf.engine().endScope();
  tf.disposeVariables();
  return { kind: "ran", ok, error, tensorsLeft };
}
