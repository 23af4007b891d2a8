// Inside the sandboxed (opaque-origin) frame: owns the worker and relays messages both ways.
// Bundled into public/runner/frame.js.
const base = new URL(".", location.href).href;
let worker: Worker | null = null;
let backends: unknown = undefined;

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

function startWorker(): Promise<Worker> {
  return loadScripts().then(([tfUrl, runtimeUrl]) => {
    // tf.min.js bundles core-js, whose Promise polyfill replaces the native one and swallows
    // unhandled rejections: put the native Promise back once tfjs has loaded.
    const source = [
      `self.RUNNER_BASE = ${JSON.stringify(base)};`,
      "const NativePromise = self.Promise;",
      `importScripts(${JSON.stringify(tfUrl)});`,
      "self.Promise = NativePromise;",
      `importScripts(${JSON.stringify(runtimeUrl)});`,
    ].join("\n");
    const w = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    w.onmessage = (event) => parent.postMessage(event.data, "*");
    w.onerror = (event) => {
      event.preventDefault();
      parent.postMessage({ type: "status", text: `The code runner failed: ${event.message}` }, "*");
    };
    if (backends) w.postMessage({ type: "init", backends });
    return w;
  });
}

// Messages are queued behind the worker's start so none is lost while scripts load. A stop
// bumps the generation: messages queued before it are dropped, never sent to the next worker.
let pending: Promise<void> = Promise.resolve();
let generation = 0;

window.addEventListener("message", (event) => {
  if (event.source !== parent) return;
  const message = event.data as { type?: string; backends?: unknown };
  if (message?.type === "stop") {
    generation += 1;
    worker?.terminate();
    worker = null;
    parent.postMessage({ type: "stopped" }, "*");
    return;
  }
  if (message?.type === "init") backends = message.backends;
  const mine = generation;
  pending = pending
    .then(async () => {
      if (mine !== generation) return;
      const w = worker ?? (await startWorker());
      if (mine !== generation) return w.terminate(); // stopped while it was starting
      worker = w;
      if (message?.type !== "init") w.postMessage(message);
    })
    .catch((e: Error) => parent.postMessage({ type: "status", text: `The code runner could not load: ${e.message}` }, "*"));
});

parent.postMessage({ type: "frame-ready" }, "*");

// A module (not a global script), so these top-level names stay private to this file.
export {};
