// Page side of the code runner: one hidden sandbox frame per page, runs queued one at a time,
// Stop and a time budget that end the run (the frame discards its worker), output capped per
// run, and a liveness check that replaces a frame that died (e.g. a cell ran out of memory).
// Loaded lazily (with zod) by code cells.
import { OutputBudget } from "./limits";
import { acceptSandboxMessage, BACKENDS, parseSandboxData, type Backend, type FromSandbox, type ToSandbox } from "./protocol";

export type RunEvent =
  | Extract<FromSandbox, { type: "console" | "error" | "done" | "chart" | "chart-append" | "check" }>
  | { type: "status"; text: string }
  | { type: "backend"; backend: Backend; note?: string; ms: number }
  /** `beforeStart`: the learner stopped it while it waited (behind another run, or for the runner). */
  | { type: "stopped"; reason: "user" | "timeout" | "startup"; seconds: number; beforeStart?: true }
  /** The sandbox stopped answering mid-run (its process died, most likely out of memory). */
  | { type: "crashed"; seconds: number };

export type RunOptions = {
  code: string;
  seed?: number;
  timeoutMs: number;
  onEvent: (event: RunEvent) => void;
  /**
   * The learner's Stop for this run, and only this one: while it waits behind another cell's run
   * or for the runner to start, it is dropped (and ends at once); once running, its worker goes.
   */
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

/**
 * A run waits for its worker's start-up (loading tfjs, its backend and warm-up: seconds on a slow
 * phone) before the cell's own time budget starts; past this long, the runner is declared stuck.
 */
const STARTUP_MS = 60_000;
/** While a run is active the page pings the frame this often… */
const PING_MS = 1_000;
/** …and declares it dead after this long without an answer… */
const DEAD_AFTER_MS = 5_000;
/**
 * When a time budget runs out the page asks the frame to stop the worker; a live frame confirms
 * at once (its main thread is not the worker's), so no answer within this long means its process
 * is gone, most likely because the cell used too much memory.
 */
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
  /**
   * The page's end of the channel to the frame, handed over with `init`. Everything after
   * `frame-ready` travels on it, both ways: only the frame holds the other end, and a port's
   * message leaves at once, where a window's postMessage to another process waits for the
   * page's next frame to be rendered (after a click, the "Running…" paint: 10–20 ms here).
   */
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
  /** A fresh worker is ready for the next run (shown as data-warm on the frame element). */
  private spareWarm = false;
  private lastPong = 0;
  private pinger: ReturnType<typeof setInterval> | undefined;

  constructor() {
    window.addEventListener("message", (event) => this.onMessage(event));
  }

  /** Starts the sandbox and the tfjs backend ahead of the first Run. Safe to call often. */
  warm(): Promise<void> {
    if (!this.frameReady) this.createFrame();
    return this.backendReady!;
  }

  /** `warm()`, giving up after `ms`: false if the runner did not get ready in time. */
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

  /** Queues a run; resolves when it has finished, failed or been stopped. */
  run(options: RunOptions): Promise<void> {
    const { signal } = options;
    const requested = performance.now();
    let active: ActiveRun | null = null;
    let settle!: () => void;
    const ended = new Promise<void>((resolve) => (settle = resolve));
    const abort = () => {
      if (active) return this.stop(active, "user"); // its finish() settles the turn below
      // Not started yet (queued, or the runner still loading): it never will be.
      options.onEvent({ type: "stopped", reason: "user", seconds: (performance.now() - requested) / 1000, beforeStart: true });
      settle();
    };
    signal?.addEventListener("abort", abort, { once: true });
    if (this.active) options.onEvent({ type: "status", text: "Waiting for the cell that is running to finish…" });
    const turn = this.queue.then(async () => {
      if (signal?.aborted) return;
      if (!(await this.warmWithin(STARTUP_MS))) {
        // The frame never became ready (e.g. its process is still dying): a new one for the next Run.
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

  /** Ends a run: its worker is terminated; a fresh, warm one takes the next run. */
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
    // allow-scripts WITHOUT allow-same-origin: an opaque origin, no access to our cookies,
    // storage or DOM, and requests to our API are cross-origin (no CORS, no credentials).
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

  /** The frame stopped answering: end the run, say why, and start a new frame. */
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

  /** Runs on the warm runner; `onActive` gets the run as soon as it is the active one. */
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
      this.spareWarm = false; // this run takes the warm worker; the frame starts the next one
      if (this.frame) this.frame.dataset.warm = "false";
      this.lastPong = performance.now();
      this.pinger = setInterval(() => {
        if (performance.now() - this.lastPong > DEAD_AFTER_MS) this.crashed();
        else this.post({ type: "ping", n: ++this.pings });
      }, PING_MS);
      // Every run says which backend it gets; a fallback note (no WebGL…) shows in its output.
      if (this.backendInfo) run.onEvent({ type: "backend", ...this.backendInfo });
      // The cell's budget starts with the worker's `started` (its start-up does not count).
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
        // Each fresh worker says so once it is warm (the bench and tests wait for it).
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
