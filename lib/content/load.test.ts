// The content loader accepts the real course and names file and field for every broken one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURE_CONTENT_DIR } from "@/tests/support/content-dirs";
import { chaptersInOrder, ContentError, loadCourses, loadCoursesFrom, revisionOf } from "./load";

const FIXTURES = path.resolve(__dirname, "../..", FIXTURE_CONTENT_DIR);

describe("the fixture courses", () => {
  const courses = loadCourses(FIXTURES);
  const [basics, library] = courses;

  it("has the courses in order, with their sections and numbered chapters", () => {
    expect(courses.map((c) => c.title)).toEqual(["Fixture Basics", "Fixture Library"]);
    expect(basics!.sections.map((s) => [s.number, s.title])).toEqual([[1, "First Section"]]);
    const widgets = chaptersInOrder(basics!)[0]!;
    expect([widgets.sectionNumber, widgets.number, widgets.href]).toEqual([1, 1, "/courses/fixture-basics/first-section/widgets"]);
    expect(widgets.revision).toBe(revisionOf(fs.readFileSync(widgets.file)));
    expect(widgets.revision).toMatch(/^[0-9a-f]{12}$/);
  });

  it("gives a course's library its module id and never reads its lib/ folder as a section", () => {
    expect(basics!.library).toBeUndefined();
    expect(library!.library).toEqual({ id: "course/fixture-math", file: path.join(FIXTURES, "courses/fixture-library/lib/index.ts") });
    expect(library!.sections.map((s) => s.slug)).toEqual(["tools"]);
  });

  it("takes Ask AI's suggestions from the chapter, else from the course, and the model's instructions from the course", () => {
    const [widgets] = chaptersInOrder(basics!);
    const [tripling] = chaptersInOrder(library!);
    expect(widgets!.prompts).toEqual(["How do I count widgets?"]);
    expect(widgets!.askInstructions).toBe('In this fixture course, a "widget" is always blue.');
    expect(tripling!.prompts).toEqual([]);
    expect(tripling!.askInstructions).toBeUndefined();
  });

  it("refuses the same course in two content folders", () => {
    expect(() => loadCoursesFrom([FIXTURES, FIXTURES])).toThrow(/course "fixture-basics" appears in more than one/);
  });
});

describe("broken content", () => {
  let dir: string;

  /** Writes a minimal valid course, then applies `files` (null deletes a file). */
  function write(files: Record<string, string | null>) {
    const base: Record<string, string | null> = {
      "courses/c/course.md": "---\ntitle: C\nsummary: A course.\n---\n",
      "courses/c/s/section.md": "---\ntitle: S\norder: 1\n---\n",
      "courses/c/s/one.mdx": "---\ntitle: One\norder: 1\nsummary: First.\n---\n\nText.\n",
      ...files,
    };
    for (const [name, content] of Object.entries(base)) {
      const file = path.join(dir, name);
      if (content === null) continue;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }

  function problemsOf(files: Record<string, string | null>): string[] {
    write(files);
    try {
      loadCourses(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      return (e as ContentError).problems;
    }
    throw new Error("expected the content to be rejected");
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("accepts the minimal course", () => {
    write({});
    expect(loadCourses(dir).map((course) => chaptersInOrder(course).map((c) => c.id))).toEqual([["c/s/one"]]);
  });

  it.each([
    ["a missing title", { "courses/c/s/one.mdx": "---\norder: 1\nsummary: x\n---\n" }, /one\.mdx: frontmatter title: .*expected string/i],
    ["a title of the wrong type", { "courses/c/s/one.mdx": "---\ntitle: 3\norder: 1\nsummary: x\n---\n" }, /one\.mdx: frontmatter title/],
    ["a negative order", { "courses/c/s/one.mdx": "---\ntitle: T\norder: -1\nsummary: x\n---\n" }, /one\.mdx: frontmatter order/],
    [
      "an unknown key (typo)",
      { "courses/c/s/one.mdx": "---\ntitle: T\norder: 1\nsumary: x\nsummary: y\n---\n" },
      /one\.mdx: frontmatter .*sumary/,
    ],
    ["broken YAML", { "courses/c/s/one.mdx": "---\ntitle: [unclosed\n---\n" }, /one\.mdx: frontmatter is not valid YAML/],
    [
      "a file name that is not a slug",
      { "courses/c/s/Bad Name.mdx": "---\ntitle: T\norder: 2\nsummary: x\n---\n" },
      /Bad Name\.mdx: name "Bad Name" must be a lowercase slug/,
    ],
    [
      "a missing section.md",
      { "courses/c/s/section.md": null, "courses/c/t/two.mdx": "---\ntitle: T\norder: 1\nsummary: x\n---\n" },
      /t\/section\.md: file is missing/,
    ],
    [
      "two chapters with the same order",
      { "courses/c/s/two.mdx": "---\ntitle: T\norder: 1\nsummary: x\n---\n" },
      /two\.mdx: order 1 is already used by chapter .*one\.mdx/,
    ],
    ["an empty section", { "courses/c/e/section.md": "---\ntitle: E\norder: 2\n---\n" }, /c\/e: section has no chapters/],
    ["a missing course summary", { "courses/c/course.md": "---\ntitle: C\n---\n" }, /course\.md: frontmatter summary/],
    [
      "a declared library without its source",
      { "courses/c/course.md": "---\ntitle: C\nsummary: S\nlibrary: tools\n---\n" },
      /c\/lib\/index\.ts: file is missing \(course\.md declares library "tools"\)/,
    ],
    [
      "a library name that is not a slug",
      { "courses/c/course.md": "---\ntitle: C\nsummary: S\nlibrary: My Tools\n---\n" },
      /course\.md: frontmatter library/,
    ],
  ])("rejects %s, naming the file and field", (_name, files, message) => {
    const problems = problemsOf(files as Record<string, string | null>);
    expect(problems.join("\n")).toMatch(message);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({
      "courses/c/s/one.mdx": "---\norder: 1\nsummary: x\n---\n",
      "courses/c/s/two.mdx": "---\ntitle: T\norder: 0\nsummary: x\n---\n",
    });
    expect(problems).toHaveLength(2);
  });
});
