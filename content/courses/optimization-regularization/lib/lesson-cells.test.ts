// Every code cell of every chapter, run as the runner runs it (same transpiler, same modules, a
// seeded Math.random) on real tfjs (cpu): it must finish without errors and leave no tensors
// behind — the "left undisposed" warning must not appear under an untouched cell. The Dropout
// exercise is also run with a learner's correct answer, which the check must accept, leak-free.
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { cellMetaSchema, parseMeta } from "@/lib/content/cells";
import { defined } from "@/lib/invariant";
import * as course from "./index";
import { mulberry32 } from "@/lib/random";
import { transpile } from "@/lib/runner/transpile";
import { connectShow, flushShow, show } from "@/lib/show";

const CONTENT = path.resolve(__dirname, "../..");
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;
const MODULES: Record<string, unknown> = { "@tensorflow/tfjs": tf, "course/dropout": course, "@lbr/show": { show } };

/** The slowest cell (40 epochs of model.fit) takes a few seconds on cpu; the machine is shared. */
const runCellTimeout = 60_000;

type Cell = { chapter: string; id: string; code: string; seed?: number };

function chapterFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? chapterFiles(path.join(dir, e.name)) : e.name.endsWith(".mdx") ? [path.join(dir, e.name)] : []));
}

function cellsOf(file: string): Cell[] {
  const source = fs.readFileSync(file, "utf8");
  const chapter = path.relative(CONTENT, file).replace(/\.mdx$/, "");
  return [...source.matchAll(/^```ts (cell\b[^\n]*)\n([\s\S]*?)^```\s*$/gm)].map(([, info, code]) => {
    const meta = cellMetaSchema.parse(parseMeta(defined(info, "cell meta")));
    return { chapter, id: meta.id, code: defined(code, "cell code"), seed: meta.seed };
  });
}

const CELLS = chapterFiles(CONTENT).flatMap(cellsOf);

type Run = { logs: string[]; warnings: string[]; errors: string[]; charts: number; tensorsLeft: number };

/** Runs a cell's code the way lib/runner/sandbox.worker.ts does and counts the tensors it leaves. */
async function runCell(code: string, seed?: number): Promise<Run> {
  const run: Run = { logs: [], warnings: [], errors: [], charts: 0, tensorsLeft: 0 };
  const text = (args: unknown[]) => args.map((a) => (a instanceof tf.Tensor ? `Tensor ${a.shape.join("x")}` : String(a))).join(" ");
  const cellConsole = {
    log: (...a: unknown[]) => run.logs.push(text(a)),
    info: (...a: unknown[]) => run.logs.push(text(a)),
    warn: (...a: unknown[]) => run.warnings.push(text(a)),
    error: (...a: unknown[]) => run.errors.push(text(a)),
  };
  const compiled = transpile(code);
  if (!compiled.ok) throw new Error(`syntax: ${compiled.message}`);
  const nativeRandom = Math.random;
  if (seed !== undefined) Math.random = mulberry32(seed);
  const printed = tf.Tensor.prototype.print;
  tf.Tensor.prototype.print = function print(this: tf.Tensor) {
    run.logs.push(`Tensor ${this.shape.join("x")}`);
  };
  connectShow((message) => {
    if (message.type === "chart") run.charts += 1;
  });
  // Like the sandbox, capture the global console too: library code (the exercise's check) logs there.
  const globalConsole = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  Object.assign(console, cellConsole);
  const before = tf.memory().numTensors;
  try {
    await new AsyncFunction("require", "exports", "console", compiled.js)(
      (name: string) => {
        if (!(name in MODULES)) throw new Error(`cannot import ${name}`);
        return MODULES[name];
      },
      {},
      cellConsole,
    );
  } catch (e) {
    run.errors.push(String(e));
  } finally {
    run.tensorsLeft = tf.memory().numTensors - before;
    Object.assign(console, globalConsole);
    flushShow();
    connectShow(null);
    Math.random = nativeRandom;
    tf.Tensor.prototype.print = printed;
    tf.disposeVariables();
  }
  return run;
}

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
  await tf.ready();
});

it("finds the lesson's cells", () => {
  const dropout = CELLS.filter((c) => c.chapter.endsWith("/dropout")).map((c) => c.id);
  expect(dropout).toEqual(
    expect.arrayContaining([
      "train-vs-eval",
      "inverted-dropout",
      "from-scratch",
      "see-the-mask",
      "live-loss",
      "exercise",
      "variance-shift",
      "linear-l2",
      "spatial-dropout",
    ]),
  );
});

it.each(CELLS.map((c) => [`${c.chapter} › ${c.id}`, c] as const))(
  "%s runs without errors and leaves no tensors",
  async (_name, cell) => {
    const run = await runCell(cell.code, cell.seed);
    expect(run.errors).toEqual([]);
    expect(run.logs.length + run.charts).toBeGreaterThan(0);
    expect(run.tensorsLeft).toBe(0);
  },
  runCellTimeout,
);

describe("the Dropout exercise", () => {
  const exercise = CELLS.find((c) => c.chapter.endsWith("/dropout") && c.id === "exercise")!;

  it(
    "says 'Not yet' for the starting code",
    async () => {
      const run = await runCell(exercise.code);
      expect(run.warnings.join("\n")).toMatch(/Not yet/);
      expect(run.logs.join("\n")).not.toMatch(/Correct!/);
      expect(run.tensorsLeft).toBe(0);
    },
    runCellTimeout,
  );

  it(
    "says 'Correct!' for the hint's answer, written without tf.tidy, and blames it for no tensors",
    async () => {
      const solved = exercise.code.replace(
        /\/\/ TODO[\s\S]*?return x;\n\}/,
        'const mask = tf.randomUniform(x.shape).less(1 - rate).cast("float32");\n  return x.mul(mask).div(1 - rate);\n}',
      );
      expect(solved).not.toBe(exercise.code);
      const run = await runCell(solved);
      expect(run.logs.join("\n")).toMatch(/Correct!/);
      expect(run.warnings).toEqual([]);
      expect(run.tensorsLeft).toBe(0);
    },
    runCellTimeout,
  );
});
