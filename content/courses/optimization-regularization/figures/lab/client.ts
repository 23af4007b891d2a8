// Page side of the lab worker: one worker per page, started ahead of the first Run, replaced by a
// fresh one on Stop (terminating is the only stop that cannot be ignored).
import { fromLabSchema, LAB_BACKENDS, type FromLab, type LabBackend, type ToLab } from "./protocol";

/** Where scripts/build-runner.mjs puts this folder's worker.ts: public/figures/<course>/<folder>/. */
const WORKER_URL = "/figures/optimization-regularization/lab/worker.js";

type Listener = (message: FromLab) => void;

/** Backend order: wasm → cpu; `?lab-backend=webgl` (or cpu) forces one, for measuring. */
function preferredBackends(): LabBackend[] {
  const forced = new URLSearchParams(location.search).get("lab-backend");
  return LAB_BACKENDS.includes(forced as LabBackend) ? [forced as LabBackend] : ["wasm", "cpu"];
}

class LabWorker {
  private worker: Worker | null = null;
  private listeners = new Set<Listener>();
  private counter = 0;
  backend: LabBackend | null = null;

  /** Starts the worker and its backend (safe to call often). */
  warm() {
    if (this.worker) return;
    const worker = new Worker(WORKER_URL);
    worker.onmessage = (event) => {
      const parsed = fromLabSchema.safeParse(event.data);
      if (!parsed.success) return;
      if (parsed.data.type === "ready") this.backend = parsed.data.backend;
      this.listeners.forEach((l) => l(parsed.data));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.listeners.forEach((l) => l({ type: "error", message: `The lab worker failed: ${event.message || "unknown error"}` }));
    };
    this.worker = worker;
    this.post({ type: "init", backends: preferredBackends() });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a job; returns its run id (messages about it carry the same id). */
  start(job: Omit<Extract<ToLab, { type: "experiment" }>, "runId"> | Omit<Extract<ToLab, { type: "mc" }>, "runId">): string {
    this.warm();
    const runId = `lab-${++this.counter}`;
    this.post({ ...job, runId } as ToLab);
    return runId;
  }

  /** Ends whatever runs now; a fresh worker is warmed for the next job. */
  stop() {
    this.worker?.terminate();
    this.worker = null;
    this.backend = null;
    this.warm();
  }

  private post(message: ToLab) {
    this.worker?.postMessage(message);
  }
}

let lab: LabWorker | undefined;

export function getLab(): LabWorker {
  lab ??= new LabWorker();
  return lab;
}
