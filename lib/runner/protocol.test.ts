// The page accepts only well-formed messages from its own sandbox frame.
import { acceptSandboxMessage, BATCH_MAX, parseSandboxData } from "./protocol";

const frame = { name: "sandbox window" };

describe("acceptSandboxMessage", () => {
  it.each([
    { type: "frame-ready" },
    { type: "status", text: "Starting TensorFlow.js (webgl)…" },
    { type: "ready", backend: "webgl", ms: 812 },
    { type: "ready", backend: "cpu", note: "webgl and wasm not available", ms: 10 },
    { type: "console", runId: "run-1", level: "warn", text: "careful" },
    { type: "error", runId: "run-1", kind: "syntax", name: "SyntaxError", message: "Unexpected token", line: 2, column: 11 },
    { type: "error", runId: "run-1", kind: "callback", name: "RangeError", message: "late", line: 3, column: 9 },
    { type: "done", runId: "run-1", ok: true, ms: 28.5, backend: "webgl", tensorsLeft: 0, truncated: false },
    { type: "stopped" },
  ])("accepts %p", (data) => {
    expect(acceptSandboxMessage({ source: frame, data }, frame)).toEqual(data);
  });

  it.each([
    ["an unknown type", { type: "navigate", url: "https://example.com" }],
    ["an unknown backend", { type: "ready", backend: "webgpu", ms: 1 }],
    ["a wrong field type", { type: "console", runId: "run-1", level: "log", text: 42 }],
    ["an unknown level", { type: "console", runId: "run-1", level: "trace", text: "x" }],
    ["an oversized text", { type: "console", runId: "run-1", level: "log", text: "x".repeat(20_001) }],
    ["a non-integer line", { type: "error", runId: "r", kind: "runtime", name: "E", message: "m", line: 1.5 }],
    ["a string", "frame-ready"],
    ["null", null],
  ])("rejects %s", (_name, data) => {
    expect(acceptSandboxMessage({ source: frame, data }, frame)).toBeNull();
  });

  it("accepts only the sandbox's opaque origin, and no batch (the window carries the handshake only)", () => {
    const ready = { type: "frame-ready" };
    expect(acceptSandboxMessage({ source: frame, origin: "null", data: ready }, frame)).toEqual(ready);
    expect(acceptSandboxMessage({ source: frame, origin: "http://127.0.0.1:3000", data: ready }, frame)).toBeNull();
    expect(acceptSandboxMessage({ source: frame, origin: "null", data: { type: "batch", messages: [ready] } }, frame)).toBeNull();
  });

  it("ignores messages from any other window, or before the frame exists", () => {
    expect(acceptSandboxMessage({ source: { other: true }, data: { type: "frame-ready" } }, frame)).toBeNull();
    expect(acceptSandboxMessage({ source: null, data: { type: "frame-ready" } }, null)).toBeNull();
  });
});

describe("parseSandboxData (the page's MessagePort)", () => {
  const console1 = { type: "console", runId: "run-1", level: "log", text: "one" };
  const console2 = { type: "console", runId: "run-1", level: "log", text: "two" };

  it("unpacks a batch in order and drops its malformed members", () => {
    const data = { type: "batch", messages: [console1, { type: "navigate" }, console2] };
    expect(parseSandboxData(data)).toEqual([console1, console2]);
  });

  it("takes a single message, and nothing from malformed data", () => {
    expect(parseSandboxData(console1)).toEqual([console1]);
    expect(parseSandboxData({ type: "navigate" })).toEqual([]);
    expect(parseSandboxData(null)).toEqual([]);
  });

  it("refuses an oversized batch whole", () => {
    const data = { type: "batch", messages: Array.from({ length: BATCH_MAX + 1 }, () => console1) };
    expect(parseSandboxData(data)).toEqual([]);
  });
});
