// A course with a library of its own (the fixture course "fixture-library", course.md
// `library: fixture-math`): its cell imports "course/fixture-math" and runs in the sandbox,
// with no line of lib/runner naming the course.
import fs from "node:fs";
import path from "node:path";
import { FIXTURE_LIBRARY_CHAPTER } from "../support/content-dirs";
import { ROOT } from "../support/paths";
import { cellAt, openPage, runCell, useBrowser } from "./browser";

const browser = useBrowser();

it("runs a cell that imports the fixture course's own library", async () => {
  const { page, context } = await openPage(browser(), FIXTURE_LIBRARY_CHAPTER.href);
  const output = await runCell(cellAt(page, "triple"));
  expect(output).toContain("tripled: 3, 6, 42");
  await context.close();
});

it("the runner's sources name no course", () => {
  for (const file of fs.readdirSync(path.join(ROOT, "lib/runner"))) {
    const text = fs.readFileSync(path.join(ROOT, "lib/runner", file), "utf8");
    expect({
      file,
      mentions: /course\/(dropout|fixture)|lib\/dropout|optimization-regularization/.test(file.endsWith(".test.ts") ? "" : text),
    }).toEqual({ file, mentions: false });
  }
});
