// Page side of the code runner: one sandbox frame per page, one run at a time (decisions 0106, 0109).
import { OutputBudget } from "./limits";
import { acceptSandboxMessage, BACKENDS, parseSandboxData, type Backend, type FromSandbox, type ToSandbox } from "./protocol";

export type RunEvent =
  | Extract<FromSandbox, { type: "console" | "error" | "done" | "chart" | "chart-append" | "check" }>
  | { type: "status"; text: string }
  | { type: "backend"; backend: Backend; note?: string; ms: number }
  /** `beforeStart`: stopped while it waited. */
  | { type: "stopped"; reason: "user" | "timeout" | "startup"; seconds: number; beforeStart?: true }
  /** The sandbox stopped answering mid-run (most likely out of memory). */
  | { type: "crashed"; seconds: number };

export type RunOptions = {
  code: string;
  seed?: number;
  timeoutMs: number;
  onEvent: (event: RunEvent) => void;
  /** Stop for this run only: drops it while queued, ends its worker once running. */
  signal?: AbortSignal;
};

type ActiveRun = RunOptions & {
  runId: string;
  started: number;
  budget: OutputBudget;
  timer?: ReturnType<typeof setTimeout>;
  /** Set once its budget ran out: the run ends when the frame confirms the stop. */
  stopping?: { reason: "timeout" | "startup"; seconds: number };
  finish: () => void;
};

/** Longer worker start-up means the runner is stuck; it is not charged to the cell. */
const STARTUP_MS = 60_000;
const PING_MS = 1_000;
const DEAD_AFTER_MS = 5_000;
/** A live frame confirms a stop at once; no answer in this long means its process died. */
const STOP_ACK_MS = 1_500;

const FRAME_URL = "/runner/frame.html";

/** Backend order: webgl → wasm → cpu, or from `?runner-backend=wasm` (troubleshooting/tests). */
function preferredBackends(): Backend[] {
  const forced = new URLSearchParams(location.search).get("runner-backend");
  const start = BACKENDS.indexOf(forced as Backend);
  return start > 0 ? BACKENDS.slice(start) : [...BACKENDS];
}

class SandboxRunner {
  private frame: HTMLIFrameElement | null = null;
  /** After `frame-ready`: a port message leaves at once, a window one waits for a paint. */
  private port: MessagePort | null = null;
  private frameReady: Promise<void> | null = null;
  private backendReady: Promise<void> | null = null;
  private resolveBackend: (() => void) | null = null;
  private resolveFrame: (() => void) | null = null;
  private backendInfo: { backend: Backend; note?: string; ms: number } | null = null;
  private statusListeners = new Set<(text: string) => void>();
  private active: ActiveRun | null = null;
  private queue: Promise<void> = Promise.resolve();
  private pings = 0;
  /** Shown as data-warm on the frame element. */
  private spareWarm = false;
  private lastPong = 0;
  private pinger: ReturnType<typeof setInterval> | undefined;

  constructor() {
    window.addEventListener("message", (event) => this.onMessage(event));
  }

  /** Safe to call often. */
  warm(): Promise<void> {
    if (!this.frameReady) this.createFrame();
    return this.backendReady!;
  }

  private async warmWithin(ms: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([this.warm().then(() => true as const), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  onStatus(listener: (text: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  get backend() {
    return this.backendInfo;
  }

  run(options: RunOptions): Promise<void> {
    const { signal } = options;
    const requested = performance.now();
    let active: ActiveRun | null = null;
    let settle!: () => void;
    const ended = new Promise<void>((resolve) => (settle = resolve));
    const abort = () => {
      if (active) return this.stop(active, "user");
      // Not started yet: it never will be.
      options.onEvent({ type: "stopped", reason: "user", seconds: (performance.now() - requested) / 1000, beforeStart: true });
      settle();
    };
    signal?.addEventListener("abort", abort, { once: true });
    if (this.active) options.onEvent({ type: "status", text: "Waiting for the cell that is running to finish…" });
    const turn = this.queue.then(async () => {
      if (signal?.aborted) return;
      if (!(await this.warmWithin(STARTUP_MS))) {
        // The frame never became ready: a new one for the next Run.
        options.onEvent({ type: "stopped", reason: "startup", seconds: (performance.now() - requested) / 1000 });
        this.frameReady = null;
        return;
      }
      if (signal?.aborted) return;
      await this.start(options, (run) => (active = run));
    });
    this.queue = turn.catch(() => undefined);
    return Promise.race([ended, turn]).finally(() => signal?.removeEventListener("abort", abort));
  }

  private stop(run: ActiveRun, reason: "user" | "timeout" | "startup") {
    if (this.active !== run) return;
    const seconds = (performance.now() - run.started) / 1000;
    this.post({ type: "stop" });
    if (reason === "user") {
      run.onEvent({ type: "stopped", reason, seconds });
      run.finish();
      return;
    }
    // A budget ran out: a slow cell if the frame confirms the stop, a dead runner if it does not.
    clearTimeout(run.timer);
    run.stopping = { reason, seconds };
    run.timer = setTimeout(() => this.crashed(), STOP_ACK_MS);
  }

  private createFrame() {
    this.frame?.remove();
    const frame = document.createElement("iframe");
    // Without allow-same-origin: an opaque origin, no access to our cookies, storage, DOM or API.
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("title", "Code runner sandbox");
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
    frame.src = FRAME_URL;
    frame.dataset.warm = "false";
    this.frame = frame;
    this.backendInfo = null;
    this.backendReady = new Promise((resolve) => (this.resolveBackend = resolve));
    this.frameReady = new Promise<void>((resolve) => (this.resolveFrame = resolve));
    document.body.append(frame);
    this.port?.close();
    this.port = null;
    void this.frameReady.then(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent) => {
        if (this.port !== channel.port1) return; // a replaced frame's channel
        for (const message of parseSandboxData(event.data)) this.handle(message);
      };
      this.port = channel.port1;
      const init: ToSandbox = { type: "init", backends: preferredBackends() };
      frame.contentWindow?.postMessage(init, "*", [channel.port2]);
    });
  }

  private crashed() {
    const run = this.active;
    if (!run) return;
    run.onEvent({ type: "crashed", seconds: (performance.now() - run.started) / 1000 });
    run.finish();
    this.frameReady = null;
    this.warm();
  }

  private post(message: ToSandbox) {
    this.port?.postMessage(message);
  }

  private async start(options: RunOptions, onActive: (run: ActiveRun) => void): Promise<void> {
    const runId = `run-${crypto.randomUUID()}`;
    await new Promise<void>((resolve) => {
      const run: ActiveRun = {
        ...options,
        runId,
        started: performance.now(),
        budget: new OutputBudget(),
        finish: () => {
          clearTimeout(run.timer);
          clearInterval(this.pinger);
          if (this.active === run) this.active = null;
          resolve();
        },
      };
      this.active = run;
      onActive(run);
      this.spareWarm = false; // the frame starts the next spare
      if (this.frame) this.frame.dataset.warm = "false";
      this.lastPong = performance.now();
      this.pinger = setInterval(() => {
        if (performance.now() - this.lastPong > DEAD_AFTER_MS) this.crashed();
        else this.post({ type: "ping", n: ++this.pings });
      }, PING_MS);
      if (this.backendInfo) run.onEvent({ type: "backend", ...this.backendInfo });
      // The cell's budget starts with the worker's `started`.
      run.timer = setTimeout(() => this.stop(run, "startup"), STARTUP_MS);
      this.post({ type: "run", runId, code: options.code, seed: options.seed });
    });
  }

  /** The window channel carries only the frame's `frame-ready` (everything else uses the port). */
  private onMessage(event: MessageEvent) {
    const message = acceptSandboxMessage(event, this.frame?.contentWindow);
    if (message?.type === "frame-ready") this.handle(message);
  }

  private handle(message: FromSandbox) {
    switch (message.type) {
      case "frame-ready":
        this.resolveFrame?.();
        return;
      case "status":
        this.statusListeners.forEach((l) => l(message.text));
        if (this.active?.budget.allow(message, message.text.length)) this.active.onEvent(message);
        return;
      case "ready":
        this.backendInfo ??= { backend: message.backend, note: message.note, ms: message.ms };
        this.spareWarm = true;
        if (this.frame && !this.active) this.frame.dataset.warm = "true";
        this.resolveBackend?.();
        return;
      case "pong":
        this.lastPong = performance.now();
        return;
      case "stopped": {
        const run = this.active;
        if (!run?.stopping) return; // a user's Stop has already ended its run
        run.onEvent({ type: "stopped", ...run.stopping });
        run.finish();
        return;
      }
      default: {
        const run = this.active;
        if (!run || message.runId !== run.runId) return; // late output of a stopped run
        this.lastPong = performance.now();
        if (message.type === "started") {
          clearTimeout(run.timer);
          run.timer = setTimeout(() => this.stop(run, "timeout"), run.timeoutMs);
          return;
        }
        if (message.type === "done") {
          run.onEvent({ ...message, truncated: message.truncated || run.budget.truncated });
          run.finish();
          if (this.frame) this.frame.dataset.warm = String(this.spareWarm);
          return;
        }
        // The frame caps output too; the page does not rely on it.
        if (run.budget.allow(message, JSON.stringify(message).length)) run.onEvent(message);
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
