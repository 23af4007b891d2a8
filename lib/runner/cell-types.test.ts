// The cells' type checker, with the declarations the build ships (scripts/cell-types.mjs) and the
// same language service setup as the browser worker: lesson cells check clean, mistakes do not,
// completion knows tfjs and the course library, and every runtime module has its types.
import path from "node:path";
import ts from "typescript";
import { loadCourses } from "@/lib/content/load";
import { setUpCellChecker } from "@/tests/support/cell-checker";
import { FIXTURE_CONTENT_DIR } from "@/tests/support/content-dirs";
import { readCellModules } from "../../scripts/cell-types.mjs";
import { chapterFiles, lessonCells as chapterCells } from "@/tests/support/lesson-cells";
import { PLATFORM_MODULES } from "./modules";

const ROOT = path.resolve(__dirname, "../..");
// Platform tests run on the fixture courses (one has a library: "course/fixture-math").
const CONTENT = path.join(ROOT, FIXTURE_CONTENT_DIR);
const libraries = loadCourses(CONTENT).flatMap((c) => (c.library ? [c.library] : []));
const { check, service } = setUpCellChecker(libraries);

/** Every ```ts cell block in the fixture courses. */
const lessonCells = () =>
  chapterFiles(CONTENT).flatMap((file) => chapterCells(file).map(({ id, code }) => ({ where: `${path.basename(file)}#${id}`, code })));

it("ships declarations for every module the sandbox lets cells import, and no other", () => {
  // The platform's modules (lib/runner/modules.ts) and the courses' libraries the build adds.
  const runtime = [...Object.keys(PLATFORM_MODULES), ...libraries.map((l) => l.id)].sort();
  const typed = readCellModules(libraries)
    .map((m) => m.id)
    .sort();
  expect(typed).toEqual(runtime);
  expect(runtime.length).toBeGreaterThanOrEqual(3);
});

it("type-checks the fixture courses' cells without errors (the real lessons': cell-types.content.test.ts)", () => {
  const cells = lessonCells();
  expect(cells.length).toBe(4);
  for (const { where, code } of cells) expect({ where, errors: check(code).errors }).toEqual({ where, errors: [] });
});

it("reports type errors a learner makes, with TypeScript's codes", () => {
  expect(check('const rate: number = "0.5";').errors).toEqual(["TS2322: Type 'string' is not assignable to type 'number'."]);
  expect(check('import * as tf from "@tensorflow/tfjs";\ntf.layers.dropout({ rate: "half" });').errors[0]).toMatch(
    /^TS2322: Type 'string' is not assignable to type 'number'/,
  );
  expect(check('import { triple } from "course/fixture-math";\ntriple(4);').errors).toEqual([
    "TS2345: Argument of type 'number' is not assignable to parameter of type 'number[]'.",
  ]);
  expect(check('import { pad } from "left-pad";').errors[0]).toMatch(/^TS2307: Cannot find module 'left-pad'/);
  // Cells are modules: top-level await works and two cells may both declare `rate`.
  expect(check("const rate = 1;\nawait Promise.resolve(rate);").errors).toEqual([]);
});

it("completes tfjs and course library members, with the course's JSDoc on hover", () => {
  const code = 'import * as tf from "@tensorflow/tfjs";\nimport * as fm from "course/fixture-math";\nfm.triple([1]);\ntf.layers.d';
  const { file } = check(code);
  const names = (pos: number) =>
    service()
      .getCompletionsAtPosition(file, pos, {})!
      .entries.map((e) => e.name);
  expect(names(code.length)).toEqual(expect.arrayContaining(["dropout", "dense"]));
  expect(names(code.indexOf("triple"))).toEqual(["checkTriple", "triple"]);
  const info = service().getQuickInfoAtPosition(file, code.indexOf("triple") + 1)!;
  expect(ts.displayPartsToString(info.displayParts)).toBe("function triple(values: number[]): number[]");
  expect(ts.displayPartsToString(info.documentation)).toContain("Three times each value");
});
