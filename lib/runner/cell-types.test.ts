// The cells' type checker, with the declarations the build ships (scripts/cell-types.mjs) and the
// same language service setup as the browser worker: lesson cells check clean, mistakes do not,
// completion knows tfjs and the course library, and every runtime module has its types.
import fs from "node:fs";
import path from "node:path";
import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from "@typescript/vfs";
import ts from "typescript";
import { buildCellTypes, readCellModules } from "../../scripts/cell-types.mjs";

type Bundle = { files: Record<string, string>; compilerOptions: Record<string, unknown> };

const ROOT = path.resolve(__dirname, "../..");
let env: VirtualTypeScriptEnvironment;
let bundle: Bundle;

beforeAll(() => {
  bundle = buildCellTypes() as unknown as Bundle;
  const { options, errors } = ts.convertCompilerOptionsFromJson(bundle.compilerOptions, "/");
  expect(errors).toEqual([]);
  env = createVirtualTypeScriptEnvironment(createSystem(new Map(Object.entries(bundle.files))), [], ts, options);
}, 120_000);

let n = 0;
function check(code: string) {
  const file = `/cells/check-${++n}.ts`;
  env.createFile(file, code);
  const diagnostics = [...env.languageService.getSyntacticDiagnostics(file), ...env.languageService.getSemanticDiagnostics(file)];
  return { file, errors: diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`) };
}

/** Every ```ts cell block in the course content. */
function lessonCells(): { where: string; code: string }[] {
  const out: { where: string; code: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".mdx")) {
        const source = fs.readFileSync(full, "utf8");
        for (const m of source.matchAll(/```ts cell id="([^"]+)"[^\n]*\n([\s\S]*?)\n```/g)) out.push({ where: `${entry.name}#${m[1]}`, code: m[2] });
      }
    }
  };
  walk(path.join(ROOT, "content"));
  return out;
}

it("ships declarations for every module the sandbox lets cells import, and no other", () => {
  const worker = fs.readFileSync(path.join(ROOT, "lib/runner/sandbox.worker.ts"), "utf8");
  const table = /const MODULES[^=]*=\s*\{([^}]*)\}/.exec(worker)![1];
  const runtime = [...table.matchAll(/"([^"]+)"\s*:/g)].map((m) => m[1]).sort();
  const typed = (readCellModules() as { id: string }[]).map((m) => m.id).sort();
  expect(typed).toEqual(runtime);
  expect(runtime.length).toBeGreaterThanOrEqual(2);
});

it("type-checks every lesson cell without errors", () => {
  const cells = lessonCells();
  expect(cells.length).toBeGreaterThanOrEqual(4);
  for (const { where, code } of cells) expect({ where, errors: check(code).errors }).toEqual({ where, errors: [] });
});

it("reports type errors a learner makes, with TypeScript's codes", () => {
  expect(check('const rate: number = "0.5";').errors).toEqual(["TS2322: Type 'string' is not assignable to type 'number'."]);
  expect(check('import * as tf from "@tensorflow/tfjs";\ntf.layers.dropout({ rate: "half" });').errors[0]).toMatch(/^TS2322: Type 'string' is not assignable to type 'number'/);
  expect(check('import { DropoutMLP } from "course/dropout";\nnew DropoutMLP(4, 8);').errors).toEqual(["TS2554: Expected 3-4 arguments, but got 2."]);
  expect(check('import { pad } from "left-pad";').errors[0]).toMatch(/^TS2307: Cannot find module 'left-pad'/);
  // Cells are modules: top-level await works and two cells may both declare `rate`.
  expect(check("const rate = 1;\nawait Promise.resolve(rate);").errors).toEqual([]);
});

it("completes tfjs and course library members, with the course's JSDoc on hover", () => {
  const code = 'import * as tf from "@tensorflow/tfjs";\nimport { DropoutMLP } from "course/dropout";\nconst m = new DropoutMLP(4, 8, 2);\nm.eval();\ntf.layers.d';
  const { file } = check(code);
  const names = (pos: number) => env.languageService.getCompletionsAtPosition(file, pos, {})!.entries.map((e) => e.name);
  expect(names(code.length)).toEqual(expect.arrayContaining(["dropout", "dense"]));
  expect(names(code.indexOf("eval"))).toEqual(expect.arrayContaining(["train", "eval", "forward", "dispose"]));
  const info = env.languageService.getQuickInfoAtPosition(file, code.indexOf("eval") + 1)!;
  expect(ts.displayPartsToString(info.displayParts)).toBe("(method) DropoutMLP.eval(): DropoutMLP");
  expect(ts.displayPartsToString(info.documentation)).toContain("Dropout off");
});
