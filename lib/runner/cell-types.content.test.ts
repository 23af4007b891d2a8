// The real lessons' cells type-check against the declarations the build ships, with the real
// course library ("course/dropout") and its JSDoc.
import fs from "node:fs";
import path from "node:path";
import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from "@typescript/vfs";
import ts from "typescript";
import matter from "gray-matter";
import { loadCourses } from "@/lib/content/load";
import { chapterParts } from "@/lib/content/parts";
import { buildCellTypes, readCellModules } from "../../scripts/cell-types.mjs";

const CONTENT = path.resolve(__dirname, "../../content");
let env: VirtualTypeScriptEnvironment;

beforeAll(() => {
  const libraries = loadCourses(CONTENT).flatMap((c) => (c.library ? [c.library] : []));
  const bundle = buildCellTypes(readCellModules(libraries));
  const { options, errors } = ts.convertCompilerOptionsFromJson(bundle.compilerOptions, "/");
  expect(errors).toEqual([]);
  env = createVirtualTypeScriptEnvironment(createSystem(new Map(Object.entries(bundle.files))), [], ts, options);
}, 120_000);

let n = 0;
function errorsOf(code: string) {
  const file = `/cells/check-${++n}.ts`;
  env.createFile(file, code);
  return [...env.languageService.getSyntacticDiagnostics(file), ...env.languageService.getSemanticDiagnostics(file)].map(
    (d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
  );
}

it("type-checks every lesson cell and every exercise's starter and solution without errors", () => {
  const cells: { where: string; code: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".mdx")) {
        const parts = chapterParts(matter(fs.readFileSync(full, "utf8")).content);
        for (const c of parts.cells) cells.push({ where: `${entry.name}#${c.id}`, code: c.code });
        for (const e of parts.exercises) {
          cells.push({ where: `${entry.name}#${e.id} (starter)`, code: e.starter });
          cells.push({ where: `${entry.name}#${e.id} (solution)`, code: e.solution });
        }
      }
    }
  };
  walk(CONTENT);
  expect(cells.length).toBeGreaterThanOrEqual(4);
  for (const { where, code } of cells) expect({ where, errors: errorsOf(code) }).toEqual({ where, errors: [] });
});

it("knows the course library's signatures", () => {
  expect(errorsOf('import { DropoutMLP } from "course/dropout";\nnew DropoutMLP(4, 8);')).toEqual([
    "TS2554: Expected 3-4 arguments, but got 2.",
  ]);
});
