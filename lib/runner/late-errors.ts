// Timers a cell leaves behind; the run ends when none is pending (decision 0132).

type TimerHost = {
  setTimeout: (handler: TimerHandler, timeout?: number, ...args: unknown[]) => number;
  clearTimeout: (id?: number) => void;
  setInterval: (handler: TimerHandler, timeout?: number, ...args: unknown[]) => number;
  clearInterval: (id?: number) => void;
  requestAnimationFrame?: (callback: FrameRequestCallback) => number;
  cancelAnimationFrame?: (id: number) => void;
};

/** Patches the host's timers; between `begin()` and `end()` each is pending until it fires or is cleared. */
export class LateWork {
  private active = false;
  private readonly pending = new Set<string>();
  private wake: (() => void) | null = null;
  private readonly tick: () => Promise<void>;

  constructor(
    host: TimerHost,
    private readonly onError: (error: unknown) => void,
  ) {
    const native = {
      setTimeout: host.setTimeout.bind(host),
      clearTimeout: host.clearTimeout.bind(host),
      setInterval: host.setInterval.bind(host),
      clearInterval: host.clearInterval.bind(host),
      requestAnimationFrame: host.requestAnimationFrame?.bind(host),
      cancelAnimationFrame: host.cancelAnimationFrame?.bind(host),
    };
    this.tick = () => new Promise((resolve) => native.setTimeout(resolve, 0));

    host.setTimeout = (handler, timeout, ...args) => {
      if (!this.active || typeof handler !== "function") return native.setTimeout(handler, timeout, ...args);
      let key = "";
      const id = native.setTimeout(() => {
        this.done(key);
        this.guard(handler, args);
      }, timeout);
      key = `t${id}`;
      this.pending.add(key);
      return id;
    };
    host.clearTimeout = (id) => {
      native.clearTimeout(id);
      this.done(`t${id}`);
    };
    host.setInterval = (handler, timeout, ...args) => {
      if (!this.active || typeof handler !== "function") return native.setInterval(handler, timeout, ...args);
      const id = native.setInterval(() => this.guard(handler, args), timeout);
      this.pending.add(`i${id}`);
      return id;
    };
    host.clearInterval = (id) => {
      native.clearInterval(id);
      this.done(`i${id}`);
    };
    if (native.requestAnimationFrame && native.cancelAnimationFrame) {
      const raf = native.requestAnimationFrame;
      const caf = native.cancelAnimationFrame;
      host.requestAnimationFrame = (callback) => {
        if (!this.active) return raf(callback);
        let key = "";
        const id = raf((time) => {
          this.done(key);
          this.guard(callback, [time]);
        });
        key = `f${id}`;
        this.pending.add(key);
        return id;
      };
      host.cancelAnimationFrame = (id) => {
        caf(id);
        this.done(`f${id}`);
      };
    }
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  begin() {
    this.pending.clear();
    this.active = true;
  }

  end() {
    this.active = false;
    this.pending.clear();
    this.wake?.();
  }

  /** Waits two tasks each time: Chrome fires `unhandledrejection` a task after the microtasks. */
  async settled(onWaiting: (pending: number) => void): Promise<void> {
    for (;;) {
      await this.tick();
      await this.tick();
      if (this.pending.size === 0 || !this.active) return;
      onWaiting(this.pending.size);
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  private done(key: string) {
    if (!this.pending.delete(key)) return;
    if (this.pending.size === 0) this.wake?.();
  }

  private guard(handler: unknown, args: unknown[]) {
    try {
      (handler as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      this.onError(error);
    }
  }
}
