// The content check, in-process: passes on the fixture courses, fails naming file and field.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURE_CONTENT_DIR } from "@/tests/support/content-dirs";
import { checkContent } from "./content-check.server";
import { ContentError } from "@/lib/content/load";

function course(chapter: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-check-"));
  const files: Record<string, string> = {
    "courses/c/course.md": "---\ntitle: C\nsummary: A course.\n---\n",
    "courses/c/s/section.md": "---\ntitle: S\norder: 1\n---\n",
    "courses/c/s/one.mdx": chapter,
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The check's problems, one line each (or the error if it was not a content problem). */
async function problems(dir: string): Promise<string[]> {
  try {
    await checkContent([dir]);
  } catch (e) {
    if (e instanceof ContentError) return e.problems;
    throw e;
  }
  return [];
}

jest.setTimeout(60_000);

it("accepts the fixture courses, compiling every chapter and checking every quiz", async () => {
  await expect(checkContent([FIXTURE_CONTENT_DIR])).resolves.toEqual({ courses: 2, compiled: 4, quizzes: 3 });
});

it("fails on invalid frontmatter, naming file and field", async () => {
  expect(await problems(course("---\ntitle: One\norder: first\nsummary: x\n---\n"))).toEqual([
    expect.stringMatching(/courses\/c\/s\/one\.mdx: frontmatter order: .*expected number/i),
  ]);
});

it("fails on MDX that does not compile, naming the file", async () => {
  expect(await problems(course("---\ntitle: One\norder: 1\nsummary: x\n---\n\n<Unclosed>\n"))).toEqual([
    expect.stringMatching(/one\.mdx: MDX does not compile/),
  ]);
});

it("fails on math KaTeX cannot parse, naming the file", async () => {
  expect(await problems(course("---\ntitle: One\norder: 1\nsummary: x\n---\n\n$$\n\\frac{1}{\n$$\n"))).toEqual([
    expect.stringMatching(/one\.mdx: MDX does not compile/),
  ]);
});
