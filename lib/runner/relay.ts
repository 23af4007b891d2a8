// How the frame relays a run's reports to the page: output in batches (at most one per
// FLUSH_MS, the first after a quiet spell at once), control messages at once and in order.
import { BATCH_MAX } from "./limits";

/** Batches go out at most this often. */
export const FLUSH_MS = 50;

export class Relay<M> {
  private queue: M[] = [];
  private lastFlush = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    /** Sends one batch of output (at most BATCH_MAX messages). */
    private readonly sendBatch: (messages: M[]) => void,
    /** Sends one control message. */
    private readonly sendOne: (message: M) => void,
  ) {}

  /** Output of a run: batched. */
  output(message: M) {
    this.queue.push(message);
    if (this.timer) return;
    const wait = this.lastFlush + FLUSH_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /**
   * A control message (started, done, status…): after any queued output, at once. It opens no
   * batch window itself, so the first output line right after `started` is not held back.
   */
  control(message: M) {
    if (this.queue.length) this.flush();
    this.sendOne(message);
  }

  /** Drops queued output (the run was stopped). */
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
