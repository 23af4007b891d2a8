// The content loader accepts the real course and names file and field for every broken one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chaptersInOrder, ContentError, loadCourses, revisionOf } from "./load";

const REAL_CONTENT = path.resolve(__dirname, "../../content");

describe("the real content", () => {
  const courses = loadCourses(REAL_CONTENT);
  const course = courses[0];

  it("has the course with its sections in order", () => {
    expect(courses).toHaveLength(1);
    expect(course.title).toBe("Optimization and Regularization in Neural Networks");
    expect(course.sections.map((s) => [s.number, s.title])).toEqual([
      [1, "Optimization Basics"],
      [2, "Momentum and Adaptive Optimizers"],
      [3, "Regularization Techniques"],
    ]);
  });

  it("numbers the Dropout chapter Section 3 · Chapter 3 with a stable URL and a revision", () => {
    const dropout = chaptersInOrder(course).find((c) => c.slug === "dropout")!;
    expect(dropout.title).toBe("Dropout: Theory and Implementation");
    expect([dropout.sectionNumber, dropout.number]).toEqual([3, 3]);
    expect(dropout.href).toBe("/courses/optimization-regularization/regularization-techniques/dropout");
    expect(dropout.revision).toBe(revisionOf(fs.readFileSync(dropout.file)));
    expect(dropout.revision).toMatch(/^[0-9a-f]{12}$/);
  });

  it("has real neighbours for the Dropout chapter in Section 3", () => {
    expect(course.sections[2].chapters.map((c) => c.title)).toEqual([
      "Overfitting and Regularization",
      "L1 and L2 Weight Penalties",
      "Dropout: Theory and Implementation",
      "Monte Carlo Dropout",
      "Batch Normalization",
      "Early Stopping and Data Augmentation",
    ]);
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
    expect(chaptersInOrder(loadCourses(dir)[0]).map((c) => c.id)).toEqual(["c/s/one"]);
  });

  it.each([
    ["a missing title", { "courses/c/s/one.mdx": "---\norder: 1\nsummary: x\n---\n" }, /one\.mdx: frontmatter title: .*expected string/i],
    ["a title of the wrong type", { "courses/c/s/one.mdx": "---\ntitle: 3\norder: 1\nsummary: x\n---\n" }, /one\.mdx: frontmatter title/],
    ["a negative order", { "courses/c/s/one.mdx": "---\ntitle: T\norder: -1\nsummary: x\n---\n" }, /one\.mdx: frontmatter order/],
    ["an unknown key (typo)", { "courses/c/s/one.mdx": "---\ntitle: T\norder: 1\nsumary: x\nsummary: y\n---\n" }, /one\.mdx: frontmatter .*sumary/],
    ["broken YAML", { "courses/c/s/one.mdx": "---\ntitle: [unclosed\n---\n" }, /one\.mdx: frontmatter is not valid YAML/],
    ["a file name that is not a slug", { "courses/c/s/Bad Name.mdx": "---\ntitle: T\norder: 2\nsummary: x\n---\n" }, /Bad Name\.mdx: name "Bad Name" must be a lowercase slug/],
    ["a missing section.md", { "courses/c/s/section.md": null, "courses/c/t/two.mdx": "---\ntitle: T\norder: 1\nsummary: x\n---\n" }, /t\/section\.md: file is missing/],
    ["two chapters with the same order", { "courses/c/s/two.mdx": "---\ntitle: T\norder: 1\nsummary: x\n---\n" }, /two\.mdx: order 1 is already used by chapter .*one\.mdx/],
    ["an empty section", { "courses/c/e/section.md": "---\ntitle: E\norder: 2\n---\n" }, /c\/e: section has no chapters/],
    ["a missing course summary", { "courses/c/course.md": "---\ntitle: C\n---\n" }, /course\.md: frontmatter summary/],
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
