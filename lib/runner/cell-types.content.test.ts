// The real lessons' cells type-check against the declarations the build ships, with the real
// course library ("course/dropout") and its JSDoc.
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { loadCourses } from "@/lib/content/load";
import { chapterParts } from "@/lib/content/parts";
import { setUpCellChecker } from "@/tests/support/cell-checker";
import { chapterFiles } from "@/tests/support/lesson-cells";

const CONTENT = path.resolve(__dirname, "../../content");
const { check } = setUpCellChecker(loadCourses(CONTENT).flatMap((c) => (c.library ? [c.library] : [])));

it("type-checks every lesson cell and every exercise's starter and solution without errors", () => {
  const cells = chapterFiles(CONTENT).flatMap((file) => {
    const name = path.basename(file);
    const parts = chapterParts(matter(fs.readFileSync(file, "utf8")).content);
    return [
      ...parts.cells.map((c) => ({ where: `${name}#${c.id}`, code: c.code })),
      ...parts.exercises.flatMap((e) => [
        { where: `${name}#${e.id} (starter)`, code: e.starter },
        { where: `${name}#${e.id} (solution)`, code: e.solution },
      ]),
    ];
  });
  expect(cells.length).toBeGreaterThanOrEqual(4);
  for (const { where, code } of cells) expect({ where, errors: check(code).errors }).toEqual({ where, errors: [] });
});

it("knows the course library's signatures", () => {
  expect(check('import { DropoutMLP } from "course/dropout";\nnew DropoutMLP(4, 8);').errors).toEqual([
    "TS2554: Expected 3-4 arguments, but got 2.",
  ]);
});
