// Output caps per run, enforced by the worker, frame and page (decision 0107).
export const RUN_LIMITS = {
  lines: 1_000,
  /** Messages of any kind. */
  messages: 4_000,
  /** Counted on each message's JSON. */
  chars: 1_000_000,
} as const;

export const BATCH_MAX = 500;

export const TRUNCATED_NOTE = "Output truncated: a run shows at most 1,000 lines and 1 MB of output; the rest was dropped.";

export class OutputBudget {
  lines = 0;
  messages = 0;
  chars = 0;
  truncated = false;

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

/** The longest time limit for a cell, from the page or an author's `timeout`. */
export const LONG_TIMEOUT_SECONDS = 120;
