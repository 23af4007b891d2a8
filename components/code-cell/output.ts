// What a cell's output panel shows, built from runner events (pure, unit-tested).
import type { RunEvent } from "@/lib/runner/client";
import { explainError } from "@/lib/runner/explain";
import { LONG_TIMEOUT_SECONDS, TRUNCATED_NOTE } from "@/lib/runner/limits";

export type OutputLine = {
  kind: "log" | "info" | "warn" | "error" | "type" | "meta";
  text: string;
  /** Learner line an error points at (offers "Go to line"). */
  line?: number;
  /** One line explaining a common error (e.g. both shapes of a shape mismatch). */
  hint?: string;
};

/** A type error from the checker (1-based line and column). */
export type TypeProblem = { line: number; column: number; message: string; code: number };

const PREFIX = {
  syntax: "",
  runtime: "",
  unhandled: "Unhandled promise rejection: ",
  callback: "Uncaught in a timer callback: ",
} as const;

/** The type errors shown above a run's output: a count, then each at its line. */
export function typeErrorLines(problems: TypeProblem[]): OutputLine[] {
  if (!problems.length) return [];
  const n = problems.length;
  return [
    { kind: "warn", text: `${n} type error${n === 1 ? "" : "s"} (the code runs anyway; the types say it may not do what you mean):` },
    ...problems.map((p) => ({ kind: "type" as const, text: `Line ${p.line}:${p.column}: ${p.message} (TS${p.code})`, line: p.line })),
  ];
}

const seconds = (s: number) => `${s.toFixed(1)} s`;

/** Turns one runner event into output lines (most events give one line; some give none). */
export function linesFor(event: RunEvent, timeoutSeconds: number): OutputLine[] {
  switch (event.type) {
    case "console":
      return [{ kind: event.level, text: event.text }];
    case "error": {
      const where = event.line ? `Line ${event.line}${event.column ? `:${event.column}` : ""}: ` : "";
      const hint = explainError(event.message);
      const line: OutputLine = { kind: "error", text: `${PREFIX[event.kind]}${where}${event.name}: ${event.message}`, line: event.line };
      return [hint ? { ...line, hint } : line];
    }
    case "backend":
      return event.note ? [{ kind: "warn", text: `${event.note}.` }] : [];
    case "stopped":
      return [
        {
          kind: "warn",
          text: event.beforeStart
            ? "Stopped before it started."
            : event.reason === "user"
              ? `Stopped after ${seconds(event.seconds)}.`
              : event.reason === "startup"
                ? `Stopped: the code runner did not start within ${seconds(event.seconds)}. Reload the page and Run again.`
                : `Stopped: the cell ran longer than its ${timeoutSeconds} s time limit.${
                    timeoutSeconds < LONG_TIMEOUT_SECONDS
                      ? ` If your code needs longer, allow ${LONG_TIMEOUT_SECONDS} s under the editor and Run again.`
                      : ""
                  }`,
        },
      ];
    case "crashed":
      return [
        {
          kind: "error",
          text: `The code runner stopped responding after ${seconds(event.seconds)} (most likely the cell used too much memory), so it was restarted. The page is fine: change the code to use less memory and Run again.`,
        },
      ];
    case "done": {
      const lines: OutputLine[] = [];
      if (event.truncated) lines.push({ kind: "warn", text: TRUNCATED_NOTE });
      const n = event.tensorsLeft;
      const leak = n > 0 ? ` · ${n} tensor${n === 1 ? " was" : "s were"} left undisposed (freed by the runner)` : "";
      lines.push({ kind: "meta", text: `${event.ok ? "Finished" : "Failed"} in ${event.ms.toFixed(0)} ms on ${event.backend}${leak}` });
      return lines;
    }
    case "status":
    case "check": // shown as the exercise's verdict (components/exercise)
    case "chart": // drawn as charts under the output (./charts.ts)
    case "chart-append":
      return [];
  }
}
