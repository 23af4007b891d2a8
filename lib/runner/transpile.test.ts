// Transpiling cells: types stripped, imports become require, learner line numbers preserved.
import { learnerPosition, transpile } from "./transpile";

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...a: string[]) => (...a: unknown[]) => Promise<unknown>;

/** Runs transpiled code the way the worker does and returns what it logged / threw. */
async function run(ts: string) {
  const out = transpile(ts);
  if (!out.ok) throw new Error(`syntax: ${out.message}`);
  const logs: unknown[][] = [];
  const modules: Record<string, unknown> = { "course/dropout": { answer: 42 } };
  const fn = new AsyncFunction("require", "exports", "console", out.js);
  await fn((m: string) => modules[m], {}, { log: (...a: unknown[]) => logs.push(a) });
  return logs;
}

// Node (V8) adds the same two header lines as Chromium does for Function bodies.
const OFFSET = 2;

describe("transpile", () => {
  it("strips types, supports imports and top-level await", async () => {
    const logs = await run(
      'import { answer } from "course/dropout";\nconst x: number = await Promise.resolve(answer);\ninterface P { a: string }\nconsole.log(x as number);',
    );
    expect(logs).toEqual([[42]]);
  });

  it("keeps every line where the learner wrote it", () => {
    const source = 'import * as tf from "@tensorflow/tfjs";\ntype T = { a: number };\n\nconst v: T = { a: 1 };\nconsole.log(v);';
    const out = transpile(source);
    expect(
      out.ok &&
        out.js
          .split("\n")
          .slice(0, 5)
          .map((l) => l.includes("console.log")),
    ).toEqual([false, false, false, false, true]);
  });

  it("reports syntax errors with the learner's line and column", () => {
    const out = transpile("const a = 1;\nconst b = ;\n");
    expect(out).toMatchObject({ ok: false, name: "SyntaxError", line: 2, column: 11 });
    expect(!out.ok && out.message).toMatch(/Unexpected token/);
  });

  it("maps a runtime error's stack to the learner's line", async () => {
    const error = await run("const a = 1;\n\nconst b: any = null;\nb.boom();").catch((e: Error) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(learnerPosition((error as Error).stack, OFFSET)).toEqual({ line: 4, column: 3 });
  });

  it("maps errors thrown after an await", async () => {
    const error = await run("await null;\nthrow new RangeError('late');").catch((e: Error) => e);
    expect(learnerPosition((error as Error).stack, OFFSET)?.line).toBe(2);
  });

  it("finds no position in a stack without learner frames", () => {
    expect(learnerPosition("Error: x\n    at foo (lib.js:10:3)", OFFSET)).toBeUndefined();
    expect(learnerPosition(undefined, OFFSET)).toBeUndefined();
  });
});
