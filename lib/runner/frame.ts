// The sandboxed frame: a fresh worker per run, reports to the parent only (decisions 0105, 0106).
import { OutputBudget } from "./limits";
import type { Backend, FromSandbox, ToSandbox, ToWorker } from "./protocol";
import { Relay } from "./relay";

const base = new URL(".", location.href).href;
// "self": the app shares the frame URL's origin.
const declared = document.querySelector<HTMLMetaElement>('meta[name="lbr-parent-origin"]')?.content ?? "";
const parentOrigin = declared === "self" ? new URL(location.href).origin : declared;
const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
const framedByApp = window.parent !== window && parentOrigin !== "" && (!ancestors || ancestors[0] === parentOrigin);

/** Until the page's `init`, only `frame-ready` goes out. */
let pagePort: MessagePort | null = null;
const send = (message: unknown) => (pagePort ? pagePort.postMessage(message) : parent.postMessage(message, parentOrigin));
const toPage = new Relay<FromSandbox>((messages) => send({ type: "batch", messages }), send);

/** Blob URLs of the worker's scripts: Chrome mutes errors of cross-origin importScripts. */
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
/** The next run's worker, warmed ahead of the Run click. */
let spare: Promise<Slot> | null = null;
let active: Slot | null = null;

async function startWorker(): Promise<Slot> {
  const [tfUrl, runtimeUrl] = await loadScripts();
  // tf.min.js's core-js Promise polyfill swallows unhandled rejections: restore the native one.
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

/** The next spare starts at the run's first output or after this delay, so it does not slow the run's start. */
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
  if (message.type === "ready") return slot === active ? undefined : toPage.control(message);
  if (slot !== active) {
    // A spare's start-up progress matters only while nothing runs.
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
  if (spareTimer) prewarmNow();
}

// Runs queue behind the worker's start; a stop bumps the generation, dropping runs queued before it.
let pending: Promise<void> = Promise.resolve();
let generation = 0;

/** Accepts only the parent's `init`, once. */
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
            spare = Promise.resolve(slot); // stopped while starting: still fresh
            return;
          }
          if (active) retire(active); // never two workers' output
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

// A module, so these top-level names stay private.
export {};
