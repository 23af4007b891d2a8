// What the Monte Carlo Dropout chapter says about its cells' output, checked on every claim
// backend by running the cells themselves (the code in the .mdx) with their own seed and another.
import path from "node:path";
import { executeCell } from "@/lib/runner/execute";
import { PLATFORM_MODULES } from "@/lib/runner/modules";
import { lessonCells } from "@/tests/support/lesson-cells";
import { numberAfter } from "@/tests/support/run-lesson-cell";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";

const CELLS = lessonCells(path.resolve(__dirname, "../../regularization-techniques/monte-carlo-dropout.mdx"));

/** Runs one of the chapter's cells on the current backend and returns what it printed. */
async function run(id: string, seed?: number): Promise<string> {
  const cell = CELLS.find((c) => c.id === id)!;
  const lines: string[] = [];
  const log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const cellConsole = { log, info: log, warn: log, error: log, debug: log };
  const result = await executeCell({ code: cell.code, seed: seed ?? cell.seed, modules: PLATFORM_MODULES, console: cellConsole });
  expect(result).toMatchObject({ kind: "ran", ok: true, tensorsLeft: 0 });
  return lines.join("\n");
}

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);

  it("sampling only the dropout layers gives a spread and leaves batch norm's moving mean alone; the naive version moves it", async () => {
    const text = await run("mc-batchnorm");
    const spreads = /spread \(standard deviation\):\s+(.*)/.exec(text)![1]!.split(" ").map(Number);
    expect(spreads).toHaveLength(6);
    expect(Math.min(...spreads)).toBeGreaterThan(0);
    expect(text).toContain("batch norm's moving mean unchanged: true");
    expect(text).toContain("after one naive pass, unchanged: false");
  });

  it.each([3, 19])(
    "a fixed dropout rate, seed %i: with 32 times the data the error falls, the spread stays within about a third",
    async (seed) => {
      const text = await run("mc-fixed-rate", seed);
      const spreadRatio = numberAfter(text, "spread ×");
      const errorRatio = numberAfter(text, "error ×");
      // The error of the mean falls to between about a fifth and three quarters of what it was.
      expect(errorRatio).toBeGreaterThan(0.12);
      expect(errorRatio).toBeLessThan(0.8);
      // The spread stays where it was, within about a third, and shrinks less than the error.
      expect(spreadRatio).toBeGreaterThan(0.6);
      expect(spreadRatio).toBeLessThan(1.4);
      expect(spreadRatio).toBeGreaterThan(errorRatio);
      // It settles at a level set by the rate, not near zero.
      expect(numberAfter(text, "n = 512: spread")).toBeGreaterThan(0.08);
    },
    60_000,
  );
});
