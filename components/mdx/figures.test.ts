// Course figures join the platform's MDX components; a name offered twice, or one MDX would read
// as HTML, stops the build with a message naming both owners. The platform imports no course.
import fs from "node:fs";
import path from "node:path";
import { withCourseFigures } from "./figures";

const Callout = () => null;
const Mask = () => null;
const Chart = () => null;

it("adds each course's figures to the platform's components", () => {
  const merged = withCourseFigures(
    { Callout },
    ["Exercise"],
    [
      { course: "a", index: "content/courses/a/figures/index.ts", figures: { MaskFigure: Mask } },
      { course: "b", index: "content/courses/b/figures/index.tsx", figures: { LossChart: Chart, __esModule: true } },
    ],
  );
  expect(merged).toEqual({ Callout, MaskFigure: Mask, LossChart: Chart });
});

it("refuses a name the platform or another course already offers, naming both", () => {
  const a = { course: "a", index: "content/courses/a/figures/index.ts", figures: { MaskFigure: Mask } };
  expect(() => withCourseFigures({ Callout }, [], [{ ...a, figures: { Callout: Mask } }])).toThrow(
    'Course figures: <Callout> is offered by both the platform (components/mdx/) and course "a" (content/courses/a/figures/index.ts); rename one of them',
  );
  expect(() => withCourseFigures({ Callout }, ["Exercise"], [{ ...a, figures: { Exercise: Mask } }])).toThrow(
    /<Exercise> is offered by both the platform/,
  );
  expect(() =>
    withCourseFigures({ Callout }, [], [a, { course: "b", index: "content/courses/b/figures/index.ts", figures: { MaskFigure: Chart } }]),
  ).toThrow(
    'Course figures: <MaskFigure> is offered by both course "a" (content/courses/a/figures/index.ts) and course "b" (content/courses/b/figures/index.ts); rename one of them',
  );
});

it("refuses names MDX would read as HTML elements", () => {
  expect(() => withCourseFigures({}, [], [{ course: "a", index: "i.ts", figures: { maskFigure: Mask } }])).toThrow(
    /course "a" \(i\.ts\) exports "maskFigure"; a figure's name starts with a capital letter/,
  );
});

it("the platform's sources import nothing from a course folder", () => {
  const ROOT = path.resolve(__dirname, "../..");
  const sources = ["app", "components", "lib", "scripts"].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(ts|tsx|mjs)$/.test(f))
      .map((f) => path.join(dir, f)),
  );
  const importsCourse = /(?:from\s*|import\(\s*)["'][^"']*content\/courses\//;
  expect(sources.filter((f) => importsCourse.test(fs.readFileSync(path.join(ROOT, f), "utf8")))).toEqual([]);
});
