// Runner events → the lines a learner reads in a cell's output panel.
import { linesFor, typeErrorLines } from "./output";

describe("linesFor", () => {
  it("shows console output with its level", () => {
    expect(linesFor({ type: "console", runId: "r", level: "warn", text: "hm" }, 10)).toEqual([{ kind: "warn", text: "hm" }]);
  });

  it("points errors at the learner's line", () => {
    expect(
      linesFor({ type: "error", runId: "r", kind: "runtime", name: "TypeError", message: "x is undefined", line: 4, column: 3 }, 10),
    ).toEqual([{ kind: "error", text: "Line 4:3: TypeError: x is undefined", line: 4 }]);
  });

  it("labels unhandled promise rejections", () => {
    const [line] = linesFor({ type: "error", runId: "r", kind: "unhandled", name: "Error", message: "nobody awaited me" }, 10);
    expect(line?.text).toBe("Unhandled promise rejection: Error: nobody awaited me");
  });

  it("labels errors thrown in timer callbacks after the code returned", () => {
    const [line] = linesFor({ type: "error", runId: "r", kind: "callback", name: "RangeError", message: "late", line: 3, column: 9 }, 10);
    expect(line).toEqual({ kind: "error", text: "Uncaught in a timer callback: Line 3:9: RangeError: late", line: 3 });
  });

  it("adds a one-line explanation under a tfjs shape error", () => {
    const message = "Operands could not be broadcast together with shapes 2,3 and 4,5.";
    const [line] = linesFor({ type: "error", runId: "r", kind: "runtime", name: "Error", message, line: 5, column: 20 }, 10);
    expect(line?.hint).toMatch(/^Shape mismatch: \[2, 3\] and \[4, 5\]/);
    expect(line?.line).toBe(5);
  });

  it("lists type errors under a count, each at its line", () => {
    expect(typeErrorLines([])).toEqual([]);
    const lines = typeErrorLines([
      { line: 1, column: 7, message: "Type 'string' is not assignable to type 'number'.", code: 2322 },
      { line: 4, column: 1, message: "Cannot find name 'x'.", code: 2304 },
    ]);
    expect(lines.map((l) => [l.kind, l.text, l.line])).toEqual([
      ["warn", "2 type errors (the code runs anyway; the types say it may not do what you mean):", undefined],
      ["type", "Line 1:7: Type 'string' is not assignable to type 'number'. (TS2322)", 1],
      ["type", "Line 4:1: Cannot find name 'x'. (TS2304)", 4],
    ]);
  });

  it("explains a stop by the learner and by the time budget", () => {
    expect(linesFor({ type: "stopped", reason: "user", seconds: 1.234 }, 10)[0]?.text).toBe("Stopped after 1.2 s.");
    expect(linesFor({ type: "stopped", reason: "user", seconds: 1.234, beforeStart: true }, 10)[0]?.text).toBe(
      "Stopped before it started.",
    );
    expect(linesFor({ type: "stopped", reason: "timeout", seconds: 10 }, 10)[0]?.text).toBe(
      "Stopped: the cell ran longer than its 10 s time limit. If your code needs longer, allow 120 s under the editor and Run again.",
    );
    expect(linesFor({ type: "stopped", reason: "startup", seconds: 60 }, 10)[0]?.text).toMatch(
      /^Stopped: the code runner did not start within 60(\.0)? s/,
    );
  });

  it("summarises a run with time, backend and undisposed tensors", () => {
    expect(linesFor({ type: "done", runId: "r", ok: true, ms: 27.6, backend: "webgl", tensorsLeft: 0, truncated: false }, 10)).toEqual([
      { kind: "meta", text: "Finished in 28 ms on webgl" },
    ]);
    const lines = linesFor({ type: "done", runId: "r", ok: false, ms: 5, backend: "wasm", tensorsLeft: 3, truncated: true }, 10);
    expect(lines.map((l) => l.text)).toEqual([
      "Output truncated: a run shows at most 1,000 lines and 1 MB of output; the rest was dropped.",
      "Failed in 5 ms on wasm · 3 tensors were left undisposed (freed by the runner)",
    ]);
  });

  it("says the runner died (not the page) and that the next Run works", () => {
    const [line] = linesFor({ type: "crashed", seconds: 6.04 }, 10);
    expect(line).toMatchObject({ kind: "error" });
    expect(line!.text).toContain("stopped responding after 6.0 s");
    expect(line!.text).toContain("too much memory");
    expect(line!.text).toContain("Run again");
  });

  it("tells the learner when WebGL was not available", () => {
    expect(
      linesFor(
        { type: "backend", backend: "wasm", note: "webgl is not available here (no WebGL2 context). Running on wasm instead", ms: 300 },
        10,
      ),
    ).toEqual([{ kind: "warn", text: "webgl is not available here (no WebGL2 context). Running on wasm instead." }]);
    expect(linesFor({ type: "backend", backend: "webgl", ms: 800 }, 10)).toEqual([]);
  });
});
