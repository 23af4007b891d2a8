// The worker that runs learner code: picks a tfjs backend, transpiles, runs, reports.
// Bundled by scripts/build-runner.mjs into public/runner/runtime.js (a classic worker script,
// loaded after tf.min.js, which provides the global `tf`). It lives in a sandboxed, opaque-origin
// frame: it cannot see the app's cookies, storage or DOM, and the frame's CSP (which a Blob
// worker inherits) allows no network but the runner's own files.
//
// One worker runs ONE cell: the frame discards it after the run (globals, patched modules and
// nested workers go with it) and keeps a fresh one warm for the next. Reports go over a private
// MessagePort the frame hands over before any learner code runs: a message the cell posts with
// `self.postMessage` reaches nothing, so it cannot end a run or mark a cell as run.
import * as tf from "@tensorflow/tfjs";
import * as course from "@/lib/dropout";
import { mulberry32 } from "@/lib/random";
import { connectShow, flushShow, show } from "@/lib/show";
import { formatArgs } from "./format";
import { LateWork } from "./late-errors";
import { OutputBudget, RUN_LIMITS } from "./limits";
import { type Backend, type FromSandbox, type LogLevel, type ToWorker } from "./protocol";
import { learnerPosition, transpile } from "./transpile";

// The app's TypeScript lib is "dom"; these are the few worker globals this file uses.
declare const self: {
  console: Console;
  close(): void;
  onmessage: ((event: MessageEvent<{ type: "init"; backends: Backend[] }>) => void) | null;
  addEventListener(type: "unhandledrejection", listener: (event: PromiseRejectionEvent) => void): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
};
declare function importScripts(...urls: string[]): void;

// tfjs ops nest deeper than V8's default 10 stack frames: keep the learner's frame in the trace.
Error.stackTraceLimit = 100;
const base = (self as unknown as { RUNNER_BASE: string }).RUNNER_BASE;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

// ---- the report channel --------------------------------------------------------------------

/**
 * Bound once, before learner code exists: a cell that patches MessagePort.prototype later
 * neither sees the port nor changes where reports go.
 */
let send: ((message: FromSandbox) => void) | null = null;
let finished = false;
const stringify = JSON.stringify;

/** Sends a report to the frame; a run's output counts against the run's budget. */
function post(message: FromSandbox) {
  if (!send || finished) return;
  const run = current;
  if ("runId" in message && message.type !== "done") {
    if (!run || run.runId !== message.runId) return;
    if (!run.budget.allow(message, stringify(message).length)) return;
  } else if (message.type === "status" && run && !run.budget.allow(message, message.text.length)) {
    return; // e.g. "waiting for timers" once per timer of a cell that starts thousands
  }
  send(message);
}

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
        warmUp();
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

/**
 * Every worker is new, and WebGL compiles a shader the first time each op runs: run a small
 * dense → ReLU → dropout → dense model in both modes (the ops lesson cells use most) while the
 * worker waits for its run, so that run's first output is not spent compiling.
 */
function warmUp() {
  tf.tidy(() => {
    const x = tf.randomNormal([5, 20]);
    const hidden = tf.layers.dense({ units: 64, activation: "relu" });
    const drop = tf.layers.dropout({ rate: 0.5 });
    const out = tf.layers.dense({ units: 10 });
    for (const training of [true, false]) {
      const y = out.apply(drop.apply(hidden.apply(x), { training }), { training }) as tf.Tensor;
      tf.equal(y, y).all().dataSync();
      formatArgs([y]);
    }
    tf.randomUniform([4, 4]).less(0.5).cast("float32").mul(2).mean().dataSync();
  });
  tf.disposeVariables();
}

// ---- console capture -----------------------------------------------------------------------

let current: { runId: string; budget: OutputBudget; failed?: boolean } | undefined;
let lastRunId = "none";

function emit(level: LogLevel, args: unknown[]) {
  const run = current;
  if (!run) return;
  // Past the limit the line is not even formatted (a tensor's text can be costly).
  if (run.budget.lines >= RUN_LIMITS.lines) {
    run.budget.truncated = true;
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
  current = { runId, budget: new OutputBudget() };
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
    post({ type: "done", runId, ok, ms: performance.now() - t0, backend, tensorsLeft, truncated: current.budget.truncated });
    finished = true;
    current = undefined;
  }
}

/**
 * `self.close()` would end the worker without a word and leave the run waiting for its whole
 * budget: report it and end the run, then close. Patched on every prototype that has `close`
 * (non-writable, so a cell cannot put the original back; it has no reference to it).
 */
function guardClose() {
  const nativeClose = self.close.bind(self);
  const closing = function close() {
    const run = current;
    if (run && !finished) {
      post({ type: "error", runId: run.runId, kind: "runtime", name: "Error", message: "self.close() ended this run's worker; the next Run gets a fresh one." });
      post({ type: "done", runId: run.runId, ok: false, ms: 0, backend: (tf.getBackend() as Backend) ?? "cpu", tensorsLeft: 0, truncated: run.budget.truncated });
      finished = true;
    }
    nativeClose();
  };
  for (let o: object | null = self; o; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, "close")) Object.defineProperty(o, "close", { value: closing, writable: false, configurable: false });
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

// The frame's first message brings the backends to try and the port for reports and the run.
// After it, messages to `self` are ignored: the run arrives over the port, which only the frame
// and this file hold.
self.onmessage = (event) => {
  const port = event.ports[0];
  if (event.data?.type !== "init" || !port || send) return;
  self.onmessage = null;
  send = port.postMessage.bind(port) as (message: FromSandbox) => void;
  guardClose();
  let started = false;
  port.onmessage = (e: MessageEvent<ToWorker>) => {
    if (started || e.data?.type !== "run") return;
    started = true;
    port.onmessage = null;
    void run(e.data.runId, e.data.code, e.data.seed);
  };
  void init(event.data.backends).catch((e: Error) => post({ type: "status", text: e.message }));
};
