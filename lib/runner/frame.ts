// Inside the sandboxed (opaque-origin) frame: owns the worker and relays messages both ways.
// Bundled into public/runner/frame.js.
const base = new URL(".", location.href).href;
let worker: Worker | null = null;
let backends: unknown = undefined;

function startWorker(): Worker {
  // A Blob worker created here shares the frame's opaque origin; classic importScripts may load
  // the app's scripts cross-origin without CORS.
  const source = `self.RUNNER_BASE = ${JSON.stringify(base)};\nimportScripts(${JSON.stringify(`${base}tf.min.js`)}, ${JSON.stringify(`${base}runtime.js`)});`;
  const w = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  w.onmessage = (event) => parent.postMessage(event.data, "*");
  w.onerror = (event) => {
    event.preventDefault();
    parent.postMessage({ type: "status", text: `The code runner failed to start: ${event.message}` }, "*");
  };
  if (backends) w.postMessage({ type: "init", backends });
  return w;
}

window.addEventListener("message", (event) => {
  if (event.source !== parent) return;
  const message = event.data as { type?: string; backends?: unknown };
  if (message?.type === "stop") {
    worker?.terminate();
    worker = null;
    parent.postMessage({ type: "stopped" }, "*");
    return;
  }
  if (message?.type === "init") {
    backends = message.backends;
    if (worker) return;
  }
  worker ??= startWorker();
  if (message?.type !== "init") worker.postMessage(message);
});

parent.postMessage({ type: "frame-ready" }, "*");
