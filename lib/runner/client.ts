// Page side of the code runner: one hidden sandbox frame per page, runs queued one at a time,
// Stop and a time budget that kill the worker. Loaded lazily (with zod) by code cells.
import { acceptSandboxMessage, BACKENDS, type Backend, type FromSandbox, type ToSandbox } from "./protocol";

export type RunEvent =
  | Extract<FromSandbox, { type: "console" | "error" | "done" | "chart" | "chart-append" }>
  | { type: "status"; text: string }
  | { type: "backend"; backend: Backend; note?: string; ms: number }
  | { type: "stopped"; reason: "user" | "timeout"; seconds: number };

export type RunOptions = { code: string; seed?: number; timeoutMs: number; onEvent: (event: RunEvent) => void };

type ActiveRun = RunOptions & { runId: string; started: number; timer?: ReturnType<typeof setTimeout>; finish: () => void };

const FRAME_URL = "/runner/frame.html";

/** Backend order: webgl → wasm → cpu, or from `?runner-backend=wasm` (troubleshooting/tests). */
function preferredBackends(): Backend[] {
  const forced = new URLSearchParams(location.search).get("runner-backend");
  const start = BACKENDS.indexOf(forced as Backend);
  return start > 0 ? BACKENDS.slice(start) : [...BACKENDS];
}

class SandboxRunner {
  private frame: HTMLIFrameElement | null = null;
  private frameReady: Promise<void> | null = null;
  private backendReady: Promise<void> | null = null;
  private resolveBackend: (() => void) | null = null;
  private resolveFrame: (() => void) | null = null;
  private backendInfo: { backend: Backend; note?: string; ms: number } | null = null;
  private statusListeners = new Set<(text: string) => void>();
  private active: ActiveRun | null = null;
  private queue: Promise<void> = Promise.resolve();
  private counter = 0;

  constructor() {
    window.addEventListener("message", (event) => this.onMessage(event));
  }

  /** Starts the sandbox and the tfjs backend ahead of the first Run. Safe to call often. */
  warm(): Promise<void> {
    if (!this.frameReady) this.createFrame();
    return this.backendReady!;
  }

  onStatus(listener: (text: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  get backend() {
    return this.backendInfo;
  }

  /** Queues a run; resolves when it has finished, failed or been stopped. */
  run(options: RunOptions): Promise<void> {
    const next = this.queue.then(() => this.start(options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops the running cell: its worker is terminated and a fresh one starts for the next run. */
  stop(reason: "user" | "timeout" = "user") {
    const run = this.active;
    if (!run) return;
    run.onEvent({ type: "stopped", reason, seconds: (performance.now() - run.started) / 1000 });
    this.killWorker();
    run.finish();
  }

  isRunning(): boolean {
    return this.active !== null;
  }

  private createFrame() {
    this.frame?.remove();
    const frame = document.createElement("iframe");
    // allow-scripts WITHOUT allow-same-origin: an opaque origin, no access to our cookies,
    // storage or DOM, and requests to our API are cross-origin (no CORS, no credentials).
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("title", "Code runner sandbox");
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
    frame.src = FRAME_URL;
    this.frame = frame;
    this.backendInfo = null;
    this.backendReady = new Promise((resolve) => (this.resolveBackend = resolve));
    this.frameReady = new Promise<void>((resolve) => (this.resolveFrame = resolve));
    document.body.append(frame);
    void this.frameReady.then(() => this.post({ type: "init", backends: preferredBackends() }));
  }

  /** Terminates the worker (the frame replies "stopped"); the next run starts a fresh one. */
  private killWorker() {
    this.post({ type: "stop" });
    this.backendInfo = null;
    this.backendReady = new Promise((resolve) => (this.resolveBackend = resolve));
    // The worker restarts on the next message; ask for the backend again right away.
    this.post({ type: "init", backends: preferredBackends() });
  }

  private post(message: ToSandbox) {
    this.frame?.contentWindow?.postMessage(message, "*");
  }

  private async start(options: RunOptions): Promise<void> {
    await this.warm();
    const runId = `run-${++this.counter}`;
    await new Promise<void>((resolve) => {
      const run: ActiveRun = {
        ...options,
        runId,
        started: performance.now(),
        finish: () => {
          clearTimeout(run.timer);
          if (this.active === run) this.active = null;
          resolve();
        },
      };
      this.active = run;
      // Every run says which backend it gets; a fallback note (no WebGL…) shows in its output.
      if (this.backendInfo) run.onEvent({ type: "backend", ...this.backendInfo });
      run.timer = setTimeout(() => this.stop("timeout"), options.timeoutMs);
      this.post({ type: "run", runId, code: options.code, seed: options.seed });
    });
  }

  private onMessage(event: MessageEvent) {
    const message = acceptSandboxMessage(event, this.frame?.contentWindow);
    if (!message) return;
    switch (message.type) {
      case "frame-ready":
        this.resolveFrame?.();
        return;
      case "status":
        this.statusListeners.forEach((l) => l(message.text));
        this.active?.onEvent(message);
        return;
      case "ready":
        this.backendInfo = { backend: message.backend, note: message.note, ms: message.ms };
        this.resolveBackend?.();
        return;
      case "stopped":
        return;
      default: {
        const run = this.active;
        if (!run || message.runId !== run.runId) return; // late output of a stopped run
        run.onEvent(message);
        if (message.type === "done") run.finish();
      }
    }
  }
}

let runner: SandboxRunner | undefined;

/** The page's runner (created on first use). */
export function getRunner(): SandboxRunner {
  runner ??= new SandboxRunner();
  return runner;
}
