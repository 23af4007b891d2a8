// The worker that runs learner code: picks a tfjs backend, transpiles, runs, reports.
// Bundled by scripts/build-runner.mjs into public/runner/runtime.js (a classic worker script,
// loaded after tf.min.js, which provides the global `tf`). It lives in a sandboxed, opaque-origin
// frame: it cannot see the app's cookies, storage or DOM.
import * as tf from "@tensorflow/tfjs";
import * as course from "@/lib/dropout";
import { mulberry32 } from "@/lib/random";
import { connectShow, flushShow, show } from "@/lib/show";
import { formatArgs } from "./format";
import { LateWork } from "./late-errors";
import { type Backend, type FromSandbox, type LogLevel, type ToSandbox } from "./protocol";
import { learnerPosition, transpile } from "./transpile";

// The app's TypeScript lib is "dom"; these are the few worker globals this file uses.
declare const self: {
  postMessage(message: unknown): void;
  console: Console;
  onmessage: ((event: MessageEvent<ToSandbox>) => void) | null;
  addEventListener(type: "unhandledrejection", listener: (event: PromiseRejectionEvent) => void): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
};
declare function importScripts(...urls: string[]): void;

const MAX_LINES = 1_000;
// tfjs ops nest deeper than V8's default 10 stack frames: keep the learner's frame in the trace.
Error.stackTraceLimit = 100;
const base = (self as unknown as { RUNNER_BASE: string }).RUNNER_BASE;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

const post = (message: FromSandbox) => self.postMessage(message);

// ---- backend -------------------------------------------------------------------------------

let ready: Promise<Backend> | undefined;

/** Starts a backend; resolves to null on success or to the reason it could not start. */
async function tryBackend(name: Backend): Promise<string | null> {
  try {
    if (name === "wasm") {
      importScripts(`${base}tf-backend-wasm.min.js`); // registers the backend and its flags
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false); // threaded wasm hangs once bundled
      (self as unknown as { tf: { wasm: { setWasmPaths(p: string): void } } }).tf.wasm.setWasmPaths(`${base}wasm/`);
    }
    if (!(await tf.setBackend(name))) return "it failed to initialise";
    await tf.ready();
    // A tiny op proves the backend really works (WebGL can fail at first use).
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  }
}

function init(backends: Backend[]): Promise<Backend> {
  ready ??= (async () => {
    const t0 = performance.now();
    const skipped: string[] = [];
    for (const name of backends) {
      post({ type: "status", text: `Starting TensorFlow.js (${name})…` });
      const failure = await tryBackend(name);
      if (failure === null) {
        // Warm the dropout path (shader compile) so the first Run is fast.
        tf.tidy(() => (tf.layers.dropout({ rate: 0.5 }).apply(tf.ones([2, 4]), { training: true }) as tf.Tensor).dataSync());
        const note = skipped.length ? `${skipped.join("; ")}. Running on ${name} instead` : undefined;
        post({ type: "ready", backend: name, note, ms: performance.now() - t0 });
        return name;
      }
      skipped.push(`${name} is not available here (${failure.slice(0, 120)})`);
    }
    throw new Error(`TensorFlow.js could not start: ${skipped.join("; ")}`);
  })();
  return ready;
}

// ---- console capture -----------------------------------------------------------------------

let current: { runId: string; lines: number; truncated: boolean; failed?: boolean } | undefined;
let lastRunId = "none";

function emit(level: LogLevel, args: unknown[]) {
  const run = current;
  if (!run) return;
  run.lines += 1;
  if (run.lines > MAX_LINES) {
    run.truncated = true;
    return;
  }
  post({ type: "console", runId: run.runId, level, text: formatArgs(args) });
}

// tensor.print() and library code write to the global console: capture all of it.
const cellConsole = {
  log: (...a: unknown[]) => emit("log", a),
  info: (...a: unknown[]) => emit("info", a),
  debug: (...a: unknown[]) => emit("log", a),
  warn: (...a: unknown[]) => emit("warn", a),
  error: (...a: unknown[]) => emit("error", a),
};
Object.assign(self.console, cellConsole);
// tensor.print() logs tfjs's own text; log the tensor itself so the output shows dtype and shape.
tf.Tensor.prototype.print = function print(this: tf.Tensor) {
  emit("log", [this]);
};

// ---- running -------------------------------------------------------------------------------

/** Lines the Function constructor puts above the body; measured, not assumed. */
const LINE_OFFSET = (() => {
  // An async function runs synchronously up to its first await, so the probe is set right away.
  const probe: { error?: Error } = {};
  void new AsyncFunction("probe", `probe.error = new Error("probe")\n//# sourceURL=cell.ts`)(probe);
  const match = /cell\.ts:(\d+)/.exec(probe.error?.stack ?? "");
  return match ? Number(match[1]) - 1 : 2;
})();

const MODULES: Record<string, unknown> = { "@tensorflow/tfjs": tf, "course/dropout": course, "@lbr/show": { show } };

function requireModule(name: string): unknown {
  if (name in MODULES) return MODULES[name];
  throw new Error(`Cannot import "${name}": cells can import ${Object.keys(MODULES).map((m) => `"${m}"`).join(" and ")}`);
}

function reportError(runId: string, kind: "runtime" | "unhandled" | "callback", error: unknown) {
  if (current?.runId === runId) current.failed = true;
  const e = error instanceof Error ? error : new Error(formatArgs([error]));
  const at = learnerPosition(e.stack, LINE_OFFSET);
  post({ type: "error", runId, kind, name: e.name || "Error", message: e.message, line: at?.line, column: at?.column });
}

async function run(runId: string, code: string, seed?: number) {
  const t0 = performance.now();
  let backend: Backend;
  try {
    backend = await (ready ?? init(["webgl", "wasm", "cpu"]));
  } catch (e) {
    post({ type: "error", runId, kind: "runtime", name: "Error", message: (e as Error).message });
    post({ type: "done", runId, ok: false, ms: performance.now() - t0, backend: "cpu", tensorsLeft: 0, truncated: false });
    return;
  }
  current = { runId, lines: 0, truncated: false };
  lastRunId = runId;
  const compiled = transpile(code);
  if (!compiled.ok) {
    post({ type: "error", runId, kind: "syntax", name: compiled.name, message: compiled.message, line: compiled.line, column: compiled.column });
    post({ type: "done", runId, ok: false, ms: performance.now() - t0, backend, tensorsLeft: 0, truncated: false });
    return;
  }
  const nativeRandom = Math.random;
  if (seed !== undefined) Math.random = mulberry32(seed); // tfjs draws its op seeds from Math.random when none is given
  const before = tf.memory().numTensors;
  connectShow((message) => post({ ...message, runId }));
  tf.engine().startScope();
  let ok = true;
  late.begin();
  try {
    const fn = new AsyncFunction("require", "exports", "console", compiled.js);
    await fn(requireModule, {}, cellConsole);
  } catch (error) {
    ok = false;
    reportError(runId, "runtime", error);
  } finally {
    // The run is over only when the timers it started have fired and late rejections surfaced.
    await late.settled((n) => post({ type: "status", text: `Waiting for ${n} timer${n === 1 ? "" : "s"} the code started…` }));
    late.end();
    ok &&= !current.failed;
    Math.random = nativeRandom;
    flushShow(); // streamed chart points still buffered go out before "done"
    connectShow(null);
    const tensorsLeft = tf.memory().numTensors - before;
    // Each Run starts clean: free what this run allocated, weights included.
    tf.engine().endScope();
    tf.disposeVariables();
    post({ type: "done", runId, ok, ms: performance.now() - t0, backend, tensorsLeft, truncated: current.truncated });
    current = undefined;
  }
}

// Errors thrown in timer callbacks, reported at their line while the run is still current.
const late = new LateWork(self as unknown as ConstructorParameters<typeof LateWork>[0], (error) => reportError(current?.runId ?? lastRunId, "callback", error));

self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  reportError(current?.runId ?? lastRunId, "unhandled", event.reason);
});
self.addEventListener("error", (event) => {
  event.preventDefault();
  reportError(current?.runId ?? lastRunId, "runtime", event.error ?? new Error(event.message));
});

self.onmessage = (event: MessageEvent<ToSandbox>) => {
  const message = event.data;
  if (message.type === "init") void init(message.backends).catch((e: Error) => post({ type: "status", text: e.message }));
  else if (message.type === "run") void run(message.runId, message.code, message.seed);
};
