// Exercises and the practice features of cells, as a learner uses them: check, hints, solution
// and back, progress on the course page, a longer time limit, seeds, stale output, wrapping.
import Database from "better-sqlite3";
import type { Locator, Page } from "playwright-core";
import { FIXTURE_LIBRARY_CHAPTER } from "../support/content-dirs";
import { axeViolations } from "./axe";
import { cellAt, cellOutput, chapterReady, e2eDatabase, editCell, newPage, openChapter, runCell, useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true };

const exerciseAt = (page: Page, id: string) => page.locator(`[data-exercise-id="${id}"]`);
const verdict = (exercise: Locator) => exercise.locator("[data-outcome]");
const editorText = (exercise: Locator) => exercise.locator(".cm-content").innerText();
/** The focused element's text (short: never the whole page's). */
const focusedText = (page: Page) =>
  page.evaluate(() => (document.activeElement === document.body ? "<body>" : document.activeElement?.textContent));

/** Focuses a button and presses Enter, as a keyboard user would. */
async function press(button: Locator) {
  await button.focus();
  await button.page().keyboard.press("Enter");
}

async function runAndWait(exercise: Locator, outcome: "pass" | "fail") {
  await press(exercise.getByRole("button", { name: /^Run / }));
  await exercise.locator(`[data-outcome="${outcome}"]`).waitFor({ timeout: 60_000 });
}

it("checks an attempt, reveals hints one at a time, shows the solution and goes back, by keyboard at 390 px", async () => {
  const { page, context } = await openChapter(browser(), FIXTURE_LIBRARY_CHAPTER.href, { ...PHONE, colorScheme: "dark" });
  const exercise = exerciseAt(page, "write-triple");
  await exercise.scrollIntoViewIfNeeded();
  await exercise.locator(".cm-editor").waitFor();
  expect(await exercise.locator("header").innerText()).toContain("Not checked yet");

  // Showing the solution before any check asks first; "Keep trying" changes nothing.
  const solution = exercise.getByRole("button", { name: "Show solution" });
  await press(solution);
  const confirm = exercise.getByRole("group", { name: "Show the solution before trying?" });
  await confirm.waitFor();
  expect(await axeViolations(page, '[data-exercise-id="write-triple"]')).toEqual([]);
  await press(confirm.getByRole("button", { name: "Keep trying" }));
  await confirm.waitFor({ state: "detached" });
  expect(await focusedText(page)).toBe("Show solution");

  // The untouched starter runs and fails, naming what is wrong; the messages wrap inside the cell.
  await runAndWait(exercise, "fail");
  const failed = await verdict(exercise).innerText();
  expect(failed).toContain("Not yet");
  expect(failed).toContain("✗ [1, 2, 14] should give [3, 6, 42], got [1,2,14]");
  const fits = await verdict(exercise).evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(fits).toBe(true);
  expect(await exercise.locator("header").innerText()).toContain("Not passed yet");

  // Hints come one at a time, each focused as it appears.
  await press(exercise.getByRole("button", { name: "Show a hint" }));
  await exercise.getByText("Hint 1 of 2", { exact: true }).waitFor();
  expect(await exercise.getByText("Hint 2 of 2", { exact: true }).count()).toBe(0);
  expect(await focusedText(page)).toContain("Each value gets multiplied");
  await press(exercise.getByRole("button", { name: "Show hint 2 of 2" }));
  await exercise.getByText("Hint 2 of 2", { exact: true }).waitFor();
  expect(await exercise.getByRole("button", { name: /Show hint/ }).count()).toBe(0);

  // After a check, the solution comes at once; the learner's attempt is kept.
  await editCell(exercise, "// my attempt\nconst mine = 1;");
  await press(solution);
  await exercise.getByText("The editor shows the reference solution.").waitFor();
  expect(await focusedText(page)).toBe("Back to my attempt");
  expect(await editorText(exercise)).toContain("values.map((v) => 3 * v)");
  expect(await axeViolations(page, '[data-exercise-id="write-triple"]')).toEqual([]);
  await runAndWait(exercise, "pass");
  expect(await verdict(exercise).innerText()).toContain("✓ Passed");
  await exercise.locator('header [data-state="passed"]').waitFor();
  expect(await axeViolations(page, '[data-exercise-id="write-triple"]')).toEqual([]);

  await press(exercise.getByRole("button", { name: "Back to my attempt" }));
  expect(await editorText(exercise)).toContain("// my attempt");
  expect(await focusedText(page)).toBe("Show solution");

  // The pass is stored for this learner, and survives a reload along with the hints shown.
  await page.reload();
  await chapterReady(page);
  await exercise.locator('header [data-state="passed"]').waitFor();
  expect(await exercise.getByText("Hint 2 of 2", { exact: true }).count()).toBe(1);
  await context.close();
});

it("raises the course's progress bar and moves 'Continue with' to the next unfinished chapter", async () => {
  const { page, context } = await newPage(browser(), { viewport: { width: 1280, height: 900 } });
  const COURSE = "/courses/optimization-regularization";
  const GD = "/courses/optimization-regularization/optimization-basics/gradient-descent";
  await page.goto(COURSE);
  const bar = page.getByRole("progressbar", { name: /Progress in Optimization and Regularization/ });
  await page.getByText(/0 of \d+ steps done/).waitFor();
  expect(await bar.getAttribute("aria-valuenow")).toBe("0");
  expect(await page.getByRole("link", { name: /^Start with 1\.1 / }).count()).toBe(1);

  // Pass both of the first chapter's exercises with their solutions, and mark it read.
  await page.goto(GD);
  await chapterReady(page);
  const exercises = page.locator("[data-exercise-id]");
  expect(await exercises.count()).toBeGreaterThanOrEqual(2);
  for (const exercise of await exercises.all()) {
    await exercise.scrollIntoViewIfNeeded();
    await exercise.locator(".cm-editor").waitFor();
    await press(exercise.getByRole("button", { name: "Show solution" }));
    await press(exercise.getByRole("button", { name: "Yes, show it" }));
    await runAndWait(exercise, "pass");
    await exercise.locator('header [data-state="passed"]').waitFor();
  }
  await page.getByText(/Left in this chapter: the quiz and marking the chapter as read\./).waitFor();
  await page.getByRole("button", { name: "Mark chapter as read" }).click();
  await page.getByText("Left in this chapter: the quiz.").waitFor();

  await page.goto(COURSE);
  await page.getByText(/[1-9]\d* of \d+ steps done/).waitFor();
  const raised = Number(await bar.getAttribute("aria-valuenow"));
  expect(raised).toBeGreaterThan(0);
  await page.getByRole("link", { name: /^Continue with 1\.1 Gradient Descent/i }).waitFor();
  expect(await page.locator("li", { hasText: "1.1" }).first().innerText()).toMatch(/✓ Read[\s\S]*Exercises 2\/2[\s\S]*Quiz to do/);

  // With the quiz passed too (stored as the quiz engine stores it), the next chapter is next.
  const learner = (await context.cookies()).find((c) => c.name === "lbr_learner")!.value.split(".")[0];
  const db = new Database(e2eDatabase());
  db.prepare(`UPDATE "ChapterProgress" SET "quizPassedAt" = ? WHERE "learnerId" = ? AND "chapterId" LIKE '%/gradient-descent'`).run(
    Date.now(),
    learner,
  );
  db.close();
  await page.reload();
  await page.getByRole("link", { name: /^Continue with 2\.1 / }).waitFor();
  expect(Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(raised);
  expect(await axeViolations(page)).toEqual([]);

  // The home page offers the same.
  await page.goto("/");
  await page.getByRole("link", { name: /^Continue with 2\.1 / }).waitFor();
  await context.close();
});

it("lets a learner allow 120 s for their own long program, which then finishes", async () => {
  const { page, context } = await openChapter(browser(), FIXTURE_LIBRARY_CHAPTER.href, PHONE);
  const cell = cellAt(page, "triple");
  expect(await cell.innerText()).toContain("Time limit 10 s");
  await editCell(cell, 'await new Promise((r) => setTimeout(r, 15_000));\nconsole.log("trained for 15 s");');
  expect(await runCell(cell, 60_000)).toContain("ran longer than its 10 s time limit. If your code needs longer, allow 120 s");
  await press(cell.getByRole("button", { name: /^Allow 120 s/ }));
  expect(await cell.innerText()).toContain("Time limit 120 s");
  expect(await cell.getByRole("button", { name: /^Allow 120 s/ }).getAttribute("aria-pressed")).toBe("true");
  const output = await runCell(cell, 60_000);
  expect(output).toContain("trained for 15 s");
  expect(output).toMatch(/Finished in \d+ ms/);
  await context.close();
});

it("says a cell is seeded and offers a new seed; marks output stale after an edit; wraps long lines", async () => {
  const { page, context } = await openChapter(browser(), FIXTURE_LIBRARY_CHAPTER.href, PHONE);
  const cell = cellAt(page, "triple");
  expect(await cell.innerText()).toContain("Seeded (seed 7)");
  const draw = "console.log(`draw ${Math.random()}`);";
  await editCell(cell, draw);
  const number = (text: string) => /draw ([\d.]+)/.exec(text)![1];
  const first = number(await runCell(cell));
  expect(number(await runCell(cell))).toBe(first);
  await press(cell.getByRole("button", { name: /^New seed/ }));
  await cell.getByText(/Seeded \(new seed \d+\)/).waitFor();
  expect(number(await runCell(cell))).not.toBe(first);
  await press(cell.getByRole("button", { name: "Seed 7 again" }));
  expect(number(await runCell(cell))).toBe(first);

  // Editing after a run marks the output as stale until the next Run.
  expect(await cell.locator(".cell-stale").count()).toBe(0);
  await editCell(cell, `${draw}\n// changed`);
  await cell.getByText("The output below is from an earlier version of the code.").waitFor();
  expect(await cellOutput(cell).getAttribute("data-stale")).toBe("true");
  await runCell(cell);
  expect(await cell.locator(".cell-stale").count()).toBe(0);

  // Wrapping is one setting for every cell, kept across reloads.
  const long = `console.log("${"x".repeat(200)}");`;
  await editCell(cell, long);
  const scroller = cell.locator(".cm-scroller");
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await press(cell.getByRole("button", { name: "Wrap long lines" }));
  await cell.locator(".cm-lineWrapping").waitFor();
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
  expect(await axeViolations(page, '[data-cell-id="triple"]')).toEqual([]);
  await page.reload();
  await chapterReady(page);
  expect(await cellAt(page, "triple").getByRole("button", { name: "Wrap long lines" }).getAttribute("aria-pressed")).toBe("true");
  await context.close();
});
