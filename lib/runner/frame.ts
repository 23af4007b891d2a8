// Inside the sandboxed (opaque-origin) frame: owns the workers that run cells and relays their
// reports to the page. Bundled into public/runner/frame.js; served by app/runner/frame.html.
//
// - It talks only to the page that is allowed to frame it: the parent window, at the origin the
//   server put in <meta name="lbr-parent-origin"> (the same origin that the response's CSP
//   `frame-ancestors` allows). Anything else, or a frame opened on its own, does nothing.
//   That page's `init` hands over a MessagePort; every later message, both ways, uses it.
// - One worker per run: a fresh, prewarmed one takes each run; after `done` (or Stop) it is
//   terminated with everything the cell left in it, nested workers included.
// - Reports come over a MessagePort per worker, handed over before learner code runs; what the
//   cell posts on `self` is never read. Output is capped per run and relayed in batches.
import { OutputBudget } from "./limits";
import type { Backend, FromSandbox, ToSandbox, ToWorker } from "./protocol";
import { Relay } from "./relay";

const base = new URL(".", location.href).href;
// "self": the app and the runner share an origin (this frame's URL's, though the frame itself
// runs with an opaque one).
const declared = document.querySelector<HTMLMetaElement>('meta[name="lbr-parent-origin"]')?.content ?? "";
const parentOrigin = declared === "self" ? new URL(location.href).origin : declared;
const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
const framedByApp = window.parent !== window && parentOrigin !== "" && (!ancestors || ancestors[0] === parentOrigin);

// ---- to the page --------------------------------------------------------------------------

/** The page's channel, from its `init`; until then only `frame-ready` goes out, on the window. */
let pagePort: MessagePort | null = null;
const send = (message: unknown) => (pagePort ? pagePort.postMessage(message) : parent.postMessage(message, parentOrigin));
const toPage = new Relay<FromSandbox>((messages) => send({ type: "batch", messages }), send);

// ---- workers ------------------------------------------------------------------------------

/**
 * The worker's scripts, fetched with CORS and turned into Blob URLs of this frame's own origin.
 * Scripts pulled in by importScripts from another origin count as cross-origin ("muted"), and
 * Chrome then hides unhandled promise rejections and error details of the code they run.
 */
let scripts: Promise<string[]> | null = null;
function loadScripts(): Promise<string[]> {
  scripts ??= Promise.all(
    ["tf.min.js", "runtime.js"].map(async (name) => {
      const response = await fetch(base + name);
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return URL.createObjectURL(new Blob([await response.text()], { type: "text/javascript" }));
    }),
  );
  scripts.catch(() => (scripts = null));
  return scripts;
}

type Slot = { worker: Worker; port: MessagePort; runId: string | null; budget: OutputBudget };

let backends: Backend[] | null = null;
/** The next run's worker, started (and its backend warmed) ahead of the Run click. */
let spare: Promise<Slot> | null = null;
/** The worker of the run in progress. */
let active: Slot | null = null;

async function startWorker(): Promise<Slot> {
  const [tfUrl, runtimeUrl] = await loadScripts();
  // tf.min.js bundles core-js, whose Promise polyfill replaces the native one and swallows
  // unhandled rejections: put the native Promise back once tfjs has loaded.
  const source = [
    `self.RUNNER_BASE = ${JSON.stringify(base)};`,
    "const NativePromise = self.Promise;",
    `importScripts(${JSON.stringify(tfUrl)});`,
    "self.Promise = NativePromise;",
    `importScripts(${JSON.stringify(runtimeUrl)});`,
  ].join("\n");
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  const channel = new MessageChannel();
  const slot: Slot = { worker, port: channel.port1, runId: null, budget: new OutputBudget() };
  // No worker.onmessage: what learner code posts on `self` is never even deserialized.
  worker.onerror = (event) => {
    event.preventDefault();
    if (slot === active || !active) toPage.control({ type: "status", text: `The code runner failed: ${event.message}` });
  };
  channel.port1.onmessage = (event: MessageEvent<FromSandbox>) => fromWorker(slot, event.data);
  worker.postMessage({ type: "init", backends }, [channel.port2]);
  return slot;
}

function prewarm() {
  if (spare || !backends) return;
  spare = startWorker();
  spare.catch((e: Error) => {
    spare = null;
    toPage.control({ type: "status", text: `The code runner could not load: ${e.message}` });
  });
}

/**
 * The next run's worker starts once this run has shown its first output (or after a moment):
 * loading tfjs takes a few hundred ms of CPU, and on a two-core machine starting it together with
 * the run delayed the run's first line. Started this early, it is still warm for most next Runs.
 */
const SPARE_DELAY_MS = 150;
let spareTimer: ReturnType<typeof setTimeout> | null = null;
function prewarmSoon() {
  if (spareTimer) clearTimeout(spareTimer);
  spareTimer = setTimeout(prewarmNow, SPARE_DELAY_MS);
}
function prewarmNow() {
  if (spareTimer) clearTimeout(spareTimer);
  spareTimer = null;
  prewarm();
}

function retire(slot: Slot) {
  slot.port.onmessage = null;
  slot.port.close();
  slot.worker.terminate();
  if (active === slot) active = null;
}

function fromWorker(slot: Slot, message: FromSandbox) {
  if (typeof message !== "object" || message === null) return;
  // A spare is warm (the page shows the backend, and knows the next Run will be fast).
  if (message.type === "ready") return slot === active ? undefined : toPage.control(message);
  if (slot !== active) {
    // A spare's start-up progress matters only while nothing runs (the first Run waits for it).
    if (message.type === "status" && !active) toPage.control(message);
    return;
  }
  if (message.type === "done") {
    if (message.runId !== slot.runId) return;
    retire(slot);
    toPage.control({ ...message, truncated: message.truncated || slot.budget.truncated });
    prewarmNow();
    return;
  }
  if ("runId" in message && message.runId !== slot.runId) return;
  if (!slot.budget.allow(message, JSON.stringify(message).length)) return;
  if (message.type === "started") return toPage.control(message);
  toPage.output(message);
  if (spareTimer) prewarmNow(); // the run's first output is out: the next worker may start
}

// ---- from the page ------------------------------------------------------------------------

// Messages are queued behind the worker's start so none is lost while scripts load. A stop
// bumps the generation: a run queued before it is dropped.
let pending: Promise<void> = Promise.resolve();
let generation = 0;

/** The window channel: only the parent's `init`, once, with the port for everything else. */
function onWindowMessage(event: MessageEvent) {
  if (event.source !== parent || event.origin !== parentOrigin || pagePort) return;
  const message = event.data as ToSandbox;
  const port = event.ports[0];
  if (message?.type !== "init" || !port) return;
  pagePort = port;
  port.onmessage = (e: MessageEvent) => onPageMessage(e.data as ToSandbox);
  backends = Array.isArray(message.backends) ? message.backends.filter((b) => ["webgl", "wasm", "cpu"].includes(b)) : null;
  prewarm();
}

function onPageMessage(message: ToSandbox) {
  switch (message?.type) {
    case "ping":
      if (Number.isInteger(message.n) && message.n >= 0) send({ type: "pong", n: message.n });
      return;
    case "stop":
      generation += 1;
      if (active) retire(active);
      toPage.clear();
      toPage.control({ type: "stopped" });
      prewarm();
      return;
    case "run": {
      if (typeof message.code !== "string" || typeof message.runId !== "string") return;
      const mine = generation;
      const run: ToWorker = {
        type: "run",
        runId: message.runId,
        code: message.code,
        seed: typeof message.seed === "number" ? message.seed : undefined,
      };
      pending = pending
        .then(async () => {
          if (mine !== generation) return;
          prewarm();
          if (!spare) return;
          const slot = await spare;
          spare = null;
          if (mine !== generation) {
            spare = Promise.resolve(slot); // stopped while it was starting: still fresh, keep it
            return;
          }
          if (active) retire(active); // the page runs one cell at a time; never two workers' output
          slot.runId = run.runId;
          active = slot;
          slot.port.postMessage(run);
          prewarmSoon();
        })
        .catch(() => undefined); // reported by prewarm
      return;
    }
  }
}

if (framedByApp) {
  window.addEventListener("message", onWindowMessage);
  toPage.control({ type: "frame-ready" });
}

// A module (not a global script), so these top-level names stay private to this file.
export {};
