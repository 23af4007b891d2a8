// The content check command: passes on the real content, fails naming file and field otherwise.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

function check(dir?: string) {
  const args = ["--conditions=react-server", "scripts/content-check.ts", ...(dir ? [dir] : [])];
  const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), args, { cwd: ROOT, encoding: "utf8" });
  return { code: run.status, out: run.stdout + run.stderr };
}

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

jest.setTimeout(60_000);

it("accepts the real content and compiles every chapter", () => {
  const { code, out } = check();
  expect(out).toMatch(/content ok: 1 course\(s\), \d+ chapter\(s\) compiled/);
  expect(code).toBe(0);
});

it("fails on invalid frontmatter, naming file and field", () => {
  const { code, out } = check(course("---\ntitle: One\norder: first\nsummary: x\n---\n"));
  expect(code).toBe(1);
  expect(out).toMatch(/courses\/c\/s\/one\.mdx: frontmatter order: .*expected number/i);
});

it("fails on MDX that does not compile, naming the file", () => {
  const { code, out } = check(course("---\ntitle: One\norder: 1\nsummary: x\n---\n\n<Unclosed>\n"));
  expect(code).toBe(1);
  expect(out).toMatch(/one\.mdx: MDX does not compile/);
});

it("fails on math KaTeX cannot parse, naming the file", () => {
  const { code, out } = check(course("---\ntitle: One\norder: 1\nsummary: x\n---\n\n$$\n\\frac{1}{\n$$\n"));
  expect(code).toBe(1);
  expect(out).toMatch(/one\.mdx: MDX does not compile/);
});
