// Frame → page: output in batches, control messages at once and in order.
import { BATCH_MAX } from "./limits";

export const FLUSH_MS = 50;

export class Relay<M> {
  private queue: M[] = [];
  private lastFlush = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly sendBatch: (messages: M[]) => void,
    private readonly sendOne: (message: M) => void,
  ) {}

  output(message: M) {
    this.queue.push(message);
    if (this.timer) return;
    const wait = this.lastFlush + FLUSH_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Opens no batch window, so output right after `started` is not held. */
  control(message: M) {
    if (this.queue.length) this.flush();
    this.sendOne(message);
  }

  clear() {
    this.queue = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = performance.now();
    while (this.queue.length) this.sendBatch(this.queue.splice(0, BATCH_MAX));
  }
}
