// What the reader scrolls to stays where it lands: off-screen lesson sections take their real
// height while the page is idle (not as the reader arrives), a code cell's editor is exactly as
// tall as the listing it replaces, and a quiz question holds the place of its choices. A click or
// tap right after a scroll hits what was aimed at.
import type { Locator, Page } from "playwright-core";
import { DROPOUT, lessonSettled, newPage, openPage, useBrowser } from "./browser";

const browser = useBrowser();

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 720 } };

/** Scrolls `target` into view and returns its top, in px from the viewport's, over the next 12 frames. */
function topsAfterScroll(target: Locator): Promise<number[]> {
  return target.evaluate(async (el) => {
    el.scrollIntoView({ block: "center" });
    const tops: number[] = [];
    for (let i = 0; i < 12; i++) {
      tops.push(Math.round(el.getBoundingClientRect().top));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return tops;
  });
}

/** Every code cell's height, by id. */
const cellHeights = (page: Page) =>
  page
    .locator("[data-cell-id]")
    .evaluateAll((cells) =>
      Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.cellId, Math.round(c.getBoundingClientRect().height)])),
    );

describe.each([
  ["a 390 px phone", PHONE],
  ["a 1280 px screen", DESKTOP],
])("on %s", (_, options) => {
  it.each([
    ["down the page", false],
    ["up the page", true],
  ])("keeps each code cell, lab figure, the quiz and the feedback widget still once scrolled to, going %s", async (_, upwards) => {
    const { page, context } = await openPage(browser(), DROPOUT, options);
    await lessonSettled(page);
    const targets = await page.locator("[data-cell-id], [data-lab-slot], .question, section.feedback").all();
    expect(targets.length).toBeGreaterThan(10);
    if (upwards) targets.reverse();
    const moved: Record<string, number> = {};
    for (const target of targets) {
      const tops = await topsAfterScroll(target);
      const name = await target.evaluate((el) => el.getAttribute("data-cell-id") ?? el.getAttribute("data-lab-slot") ?? el.className);
      moved[name] = Math.max(...tops) - Math.min(...tops);
    }
    // A pixel is rounding: positions are fractional.
    expect(Object.entries(moved).filter(([, px]) => px > 1)).toEqual([]);
    await context.close();
  });

  it("keeps the quiz's title still for a reader who jumped to it while the learner's round arrives", async () => {
    // The round (which questions, their numbers) is the learner's own and comes after the page;
    // the quiz holds a place for it, so a reader at the quiz does not see it move.
    const { page, context } = await newPage(browser(), options);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/quiz/state**", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${DROPOUT}#quiz-title`);
    await page.getByText("Loading your questions…").waitFor();
    await lessonSettled(page);
    const top = () => page.locator("#quiz-title").evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const before = await top();
    release();
    await page.locator(".question").first().waitFor();
    await expect(page.getByText("Loading your questions…").count()).resolves.toBe(0);
    expect(Math.abs((await top()) - before)).toBeLessThanOrEqual(1);
    await context.close();
  });

  it("gives each code cell's editor the height of the listing it replaces", async () => {
    const { page, context } = await openPage(browser(), DROPOUT, options);
    const before = await cellHeights(page); // server HTML: listings (editors mount near the screen)
    for (const cell of await page.locator("[data-cell-id]").all()) {
      await cell.scrollIntoViewIfNeeded();
      await cell.locator(".cm-editor").waitFor();
    }
    expect(Object.keys(before).length).toBeGreaterThan(5);
    expect(await cellHeights(page)).toEqual(before);
    await context.close();
  });
});
