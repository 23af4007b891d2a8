// Every message the runner, the code cell and the exercise checks print has a section on the help
// page (content/help/runner-messages.md) that quotes it: add a message, explain it there.
import fs from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { helpSections, isProse, messageTemplates, templatePattern, type MessageTemplate } from "./runner-messages";

const ROOT = path.resolve(__dirname, "../..");
const HELP = path.join(ROOT, "content/help/runner-messages.md");
const sections = helpSections(fs.readFileSync(HELP, "utf8"));
const templates = messageTemplates(ROOT);

/** The section whose quoted messages this template produces. */
const sectionFor = (m: MessageTemplate) => sections.find((s) => s.examples.some((e) => templatePattern(m.text).test(e)));

it("reads the messages from the runner, the output panel, the cell and the checks", () => {
  const files = new Set(templates.map((m) => m.file));
  for (const file of [
    "components/code-cell/output.ts",
    "lib/runner/sandbox.worker.ts",
    "lib/runner/explain.ts",
    "lib/runner/limits.ts",
    "components/code-cell/CodeCell.tsx",
    "components/exercise/ExercisePanel.tsx",
  ])
    expect([file, files.has(file)]).toEqual([file, true]);
  // The status lines issue #26 found unexplained are among them.
  expect(templates.map((m) => m.text)).toEqual(
    expect.arrayContaining([
      expect.stringContaining("left undisposed"),
      expect.stringContaining("time limit"),
      expect.stringContaining("too much memory"),
    ]),
  );
  expect(templates.length).toBeGreaterThan(30);
});

it("has a section on the help page for every message", () => {
  const missing = templates.filter((m) => !sectionFor(m)).map((m) => `${m.file}:${m.line}  ${m.text}`);
  if (missing.length)
    console.log(
      `Messages without a section in content/help/runner-messages.md (add a "### …" section quoting the message as the learner sees it):\n${missing.join("\n")}`,
    );
  expect(missing).toEqual([]);
});

it("says in every section what the message means and what to do", () => {
  expect(sections.length).toBeGreaterThan(30);
  for (const s of sections) {
    expect([s.heading, s.examples.length > 0]).toEqual([s.heading, true]);
    expect([s.heading, /\*\*What it means\.\*\*/.test(s.body), /\*\*What to do\.\*\*/.test(s.body)]).toEqual([s.heading, true, true]);
  }
  const headings = sections.map((s) => s.heading);
  expect(new Set(headings).size).toBe(headings.length); // one id each
});

it("links only to sections the page has", () => {
  const markdown = fs.readFileSync(HELP, "utf8");
  const slugger = new GithubSlugger();
  const ids = new Set([...markdown.matchAll(/^#{2,3}\s+(.+)$/gm)].map((m) => slugger.slug(m[1]!.replace(/`/g, ""))));
  const links = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(0);
  expect(links.filter((id) => !ids.has(id))).toEqual([]);
});

describe("reading messages from source", () => {
  it("tells sentences from code and markup", () => {
    expect(isProse("Stopped after ${…}.")).toBe(true);
    expect(isProse("it failed to initialise")).toBe(true);
    expect(isProse("Tensor")).toBe(false);
    expect(isProse('<meta name="x" content="${…}">')).toBe(false);
    expect(isProse("default-src 'none'")).toBe(false);
    expect(isProse("const p = self.Promise;")).toBe(false);
    expect(isProse("/api/progress/cells")).toBe(false);
  });

  it("matches a template with its values filled in, and nothing else", () => {
    const leak = templatePattern(" · ${…} tensor${…} left undisposed (freed by the runner)");
    expect(leak.test("Finished in 812 ms on webgl · 200 tensors were left undisposed (freed by the runner)")).toBe(true);
    expect(leak.test("Finished in 812 ms on webgl")).toBe(false);
    expect(
      templatePattern("Stopped: the cell ran longer than its ${…} s time limit.${…}").test(
        "Stopped: the cell ran longer than its 10 s time limit.",
      ),
    ).toBe(true);
  });
});
