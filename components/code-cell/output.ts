// What a cell's output panel shows, built from runner events (pure, unit-tested).
import type { RunEvent } from "@/lib/runner/client";

export type OutputLine = {
  kind: "log" | "info" | "warn" | "error" | "meta";
  text: string;
  /** Learner line an error points at (offers "Go to line"). */
  line?: number;
};

const seconds = (s: number) => `${s.toFixed(1)} s`;

/** Turns one runner event into output lines (most events give one line; some give none). */
export function linesFor(event: RunEvent, timeoutSeconds: number): OutputLine[] {
  switch (event.type) {
    case "console":
      return [{ kind: event.level, text: event.text }];
    case "error": {
      const where = event.line ? `Line ${event.line}${event.column ? `:${event.column}` : ""}: ` : "";
      const prefix = event.kind === "unhandled" ? "Unhandled promise rejection: " : "";
      return [{ kind: "error", text: `${prefix}${where}${event.name}: ${event.message}`, line: event.line }];
    }
    case "backend":
      return event.note ? [{ kind: "warn", text: `${event.note}.` }] : [];
    case "stopped":
      return [
        {
          kind: "warn",
          text:
            event.reason === "user"
              ? `Stopped after ${seconds(event.seconds)}.`
              : `Stopped: the cell ran longer than its ${timeoutSeconds} s time budget.`,
        },
      ];
    case "done": {
      const lines: OutputLine[] = [];
      if (event.truncated) lines.push({ kind: "warn", text: "Output truncated: only the first 1,000 lines are shown." });
      const n = event.tensorsLeft;
      const leak = n > 0 ? ` · ${n} tensor${n === 1 ? " was" : "s were"} left undisposed (freed by the runner)` : "";
      lines.push({ kind: "meta", text: `${event.ok ? "Finished" : "Failed"} in ${event.ms.toFixed(0)} ms on ${event.backend}${leak}` });
      return lines;
    }
    case "status":
    case "chart": // drawn as charts under the output (./charts.ts)
    case "chart-append":
      return [];
  }
}
