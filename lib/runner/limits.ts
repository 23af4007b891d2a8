// How much output one run may send, whatever its source (console, errors, charts). The worker
// enforces these first; the frame and the page enforce them again (the page trusts neither).
export const RUN_LIMITS = {
  /** Console lines shown per run. */
  lines: 1_000,
  /** Messages of any kind per run (console, errors, chart updates). */
  messages: 4_000,
  /** Characters of output per run, counted on each message's JSON. */
  chars: 1_000_000,
} as const;

/** At most this many messages travel in one batch from the frame to the page. */
export const BATCH_MAX = 500;

/** What the output says when a run hit one of the limits. */
export const TRUNCATED_NOTE = "Output truncated: a run shows at most 1,000 lines and 1 MB of output; the rest was dropped.";

/** Counts a run's output against RUN_LIMITS; `allow` says whether one more message may go out. */
export class OutputBudget {
  lines = 0;
  messages = 0;
  chars = 0;
  truncated = false;

  /** Console lines past the line limit are dropped; any message past the others is too. */
  allow(message: { type: string }, size: number): boolean {
    const line = message.type === "console" ? 1 : 0;
    if (this.lines + line > RUN_LIMITS.lines || this.messages + 1 > RUN_LIMITS.messages || this.chars + size > RUN_LIMITS.chars) {
      this.truncated = true;
      return false;
    }
    this.lines += line;
    this.messages += 1;
    this.chars += size;
    return true;
  }
}

/** The longest time limit a learner can give a cell from the page (an author's `timeout` is at most this too). */
export const LONG_TIMEOUT_SECONDS = 120;
