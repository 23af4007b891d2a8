// The lesson with a keyboard, on a 320 px phone and without JavaScript: focus never falls to
// <body>, nothing scrolls sideways, the title is on the first screen, the quiz explains itself.
import type { Page } from "playwright-core";
import {
  answerSomehow,
  cellAt,
  chapterReady,
  DROPOUT,
  editCell,
  lessonSettled,
  newPage,
  openChapter,
  openPage,
  runCell,
  useBrowser,
} from "./browser";

const browser = useBrowser();
/** The Dropout exercise's cell, far down the page. */
const EXERCISE = "exercise-implement-dropout";

/** Samples document.activeElement every few ms until `until` settles; true if it was ever <body>. */
async function focusEverOnBody(page: Page, until: Promise<unknown>): Promise<boolean> {
  await page.evaluate(() => {
    const w = window as unknown as { __bodyFocus: boolean; __sampler: number };
    w.__bodyFocus = false;
    w.__sampler = window.setInterval(() => {
      if (document.activeElement === document.body || document.activeElement === null) w.__bodyFocus = true;
    }, 5);
  });
  await until;
  return page.evaluate(() => {
    const w = window as unknown as { __bodyFocus: boolean; __sampler: number };
    clearInterval(w.__sampler);
    return w.__bodyFocus;
  });
}

/** Puts the caret after the 10th character of a cell's static listing and focuses it as Tab would; returns its text. */
function focusListing(page: Page, id: string): Promise<string> {
  return cellAt(page, id)
    .locator("pre.cell-static")
    .evaluate((pre) => {
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      window.getSelection()!.collapse(walker.nextNode()!, 10);
      (pre as HTMLElement).focus({ preventScroll: true });
      return pre.textContent!;
    });
}

/** The editor has replaced the listing, holds focus, and the caret was where it was in the listing. */
async function expectEditorTookOver(page: Page, id: string, before: string) {
  const cell = cellAt(page, id);
  await cell.locator(".cm-editor").waitFor();
  await page.waitForFunction(() => document.activeElement?.closest(".cm-content") !== null);
  await page.keyboard.type("Z");
  const after = await cell.locator(".cm-content").evaluate((el) => (el as HTMLElement).innerText);
  const expected = before.slice(0, 10) + "Z" + before.slice(10);
  expect(after.replace(/\n/g, "").slice(0, 11)).toBe(expected.replace(/\n/g, "").slice(0, 11));
}

// The exercise cell is far down the page: its editor starts only when it is focused.
it("keeps focus and caret when the editor takes over from the static listing", async () => {
  const { page, context } = await openChapter(browser(), DROPOUT);
  expect(await cellAt(page, EXERCISE).locator(".cm-editor").count()).toBe(0);
  await expectEditorTookOver(page, EXERCISE, await focusListing(page, EXERCISE));
  await context.close();
});

it("starts the editor of a listing that was focused before the page's scripts had run", async () => {
  // A learner on a slow phone tabs into a listing while the scripts load: no focusin reaches
  // the cell, which must still see the focus once it runs (it used to stay a dead listing).
  const { page, context } = await newPage(browser());
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(DROPOUT, { waitUntil: "commit" });
  await cellAt(page, EXERCISE).locator("pre.cell-static").waitFor();
  const before = await focusListing(page, EXERCISE);
  release();
  await expectEditorTookOver(page, EXERCISE, before);
  await context.close();
});

it("moves focus to the comment box after Enter on No, never to <body> while saving", async () => {
  const { page, context } = await newPage(browser());
  await page.route("**/api/feedback", async (route) => {
    if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.goto(DROPOUT);
  const widget = page.getByRole("region", { name: "Everything was clear?" });
  const no = widget.getByRole("button", { name: "No" });
  await no.focus();
  const bodyFocus = await focusEverOnBody(
    page,
    (async () => {
      await page.keyboard.press("Enter");
      await widget.getByRole("textbox").waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === "TEXTAREA");
    })(),
  );
  expect(bodyFocus).toBe(false);
  await context.close();
});

it("marks as read and undoes it from the keyboard, focus staying on the button", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const current = page.getByRole("navigation", { name: "Course chapters" }).locator('[aria-current="page"]');
  const button = page.getByRole("button", { name: "Mark chapter as read" });
  await chapterReady(page);
  await button.focus();
  const bodyFocus = await focusEverOnBody(
    page,
    (async () => {
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "✓ Marked as read" }).waitFor();
    })(),
  );
  expect(bodyFocus).toBe(false);
  await expect(current.textContent()).resolves.toContain("(read)");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("✓ Marked as read");

  await page.keyboard.press("Enter"); // undo
  await page.getByRole("button", { name: "Mark chapter as read" }).waitFor();
  await expect(current.textContent()).resolves.not.toContain("(read)");
  await page.reload();
  await chapterReady(page);
  await expect(page.getByRole("button", { name: "Mark chapter as read" }).isVisible()).resolves.toBe(true);
  await context.close();
});

it("keeps focus off <body> while a quiz answer is checked, then on the result", async () => {
  const { page, context } = await newPage(browser());
  await page.route("**/api/quiz/attempts", async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.goto(DROPOUT);
  const question = page.locator(".question").first();
  await lessonSettled(page);
  await answerSomehow(question);
  await question.getByRole("button", { name: /^Check question \d+$/ }).focus();
  const bodyFocus = await focusEverOnBody(
    page,
    (async () => {
      await page.keyboard.press("Enter");
      await question.locator(".result-summary").waitFor();
    })(),
  );
  expect(bodyFocus).toBe(false);
  await context.close();
});

it("moves focus from Run to Stop and back as they disable each other, never to <body>", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const cell = cellAt(page, "train-vs-eval");
  await editCell(cell, 'console.log("waiting");\nawait new Promise((r) => setTimeout(r, 30_000));');
  await cell.getByRole("button", { name: /^Run / }).focus();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName);
  const bodyFocus = await focusEverOnBody(
    page,
    (async () => {
      await page.keyboard.press("Enter");
      expect(await focused()).toBe("Stop Train mode vs eval mode");
      // The cell's own output (not its code, which says "waiting" too): the run is under way.
      await cell.locator(".cell-line", { hasText: "waiting" }).waitFor({ timeout: 60_000 });
      await page.keyboard.press("Enter");
      // Stopped by the learner, not by the 10 s budget.
      await cell.getByText(/^Stopped after /).waitFor({ timeout: 5_000 });
      expect(await focused()).toBe("Run Train mode vs eval mode");
    })(),
  );
  expect(bodyFocus).toBe(false);
  await context.close();
}, 90_000);

it("names every Run and Check button after its cell or question", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  await page.locator(".question").first().waitFor();
  const runs = await page.getByRole("button", { name: /^Run / }).evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label")));
  const checks = await page
    .getByRole("button", { name: /^Check question/ })
    .evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label")));
  expect(runs.length).toBeGreaterThanOrEqual(5);
  expect(new Set(runs).size).toBe(runs.length);
  expect(checks.length).toBeGreaterThanOrEqual(3);
  expect(new Set(checks).size).toBe(checks.length);
  await context.close();
});

it("fits a 320 px phone: no sideways scroll, the title on the first screen, a one-line breadcrumb", async () => {
  const { page, context } = await openPage(browser(), DROPOUT, { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
  await page.locator(".question").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const title = await page.locator("h1").boundingBox();
  expect(title!.y + title!.height).toBeLessThanOrEqual(568);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  const shown = await crumbs.locator("li:visible").allTextContents();
  expect(shown).toEqual(["Regularization Techniques"]);
  const crumbBox = await crumbs.boundingBox();
  expect(crumbBox!.height).toBeLessThan(30);
  // The Ask AI button is in the page's flow, not floating over the lesson.
  const ask = page.getByRole("button", { name: "Ask AI", exact: true });
  expect(await ask.evaluate((b) => getComputedStyle(b).position)).toBe("static");
  await context.close();
});

it("never starts a line with the comma after inline math, nor ends one with the bracket before it, on phones", async () => {
  const { page, context } = await openPage(browser(), DROPOUT, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.locator(".question").first().waitFor();
  /** Inline math whose touching punctuation sits on another line than the math's edge. */
  const split = () =>
    page.evaluate(() => {
      const out: string[] = [];
      let checked = 0;
      for (const math of document.querySelectorAll<HTMLElement>(".katex")) {
        if (math.closest(".katex-display")) continue;
        const rects = math.getClientRects();
        if (!rects.length) continue;
        const [first, last] = [rects[0]!, rects[rects.length - 1]!];
        const next = math.nextSibling;
        if (next?.nodeType === Node.TEXT_NODE && /^[,.;:!?)]/.test(next.textContent ?? "")) {
          const range = document.createRange();
          range.setStart(next, 0);
          range.setEnd(next, 1);
          checked++;
          const r = range.getBoundingClientRect();
          if (r.top > last.bottom || r.bottom < last.top) out.push(`${math.textContent?.slice(0, 20)} | ${next.textContent?.slice(0, 10)}`);
        }
        const previous = math.previousSibling;
        if (previous?.nodeType === Node.TEXT_NODE && /[(]$/.test(previous.textContent ?? "")) {
          const text = previous.textContent ?? "";
          const range = document.createRange();
          range.setStart(previous, text.length - 1);
          range.setEnd(previous, text.length);
          checked++;
          const r = range.getBoundingClientRect();
          if (r.top > first.bottom || r.bottom < first.top) out.push(`${text.slice(-10)} | ${math.textContent?.slice(0, 20)}`);
        }
      }
      return { checked, out };
    });
  // Several phone widths: each moves the line breaks to other places.
  for (const width of [320, 360, 390, 412]) {
    await page.setViewportSize({ width, height: 844 });
    const { checked, out } = await split();
    expect(checked).toBeGreaterThan(20); // the lesson and its quiz have plenty of such math
    expect({ width, out }).toEqual({ width, out: [] });
  }
  await context.close();
});

it("wraps the runner's messages on a 320 px phone instead of scrolling them out of sight", async () => {
  const { page, context } = await openPage(browser(), DROPOUT, { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
  const cell = cellAt(page, "train-vs-eval");
  await editCell(
    cell,
    'throw new Error("This message is a whole sentence, and a learner on a phone reads it without scrolling sideways.");',
  );
  expect(await runCell(cell)).toContain("without scrolling sideways");
  const output = cell.getByRole("log", { name: "Output" });
  // The error, its "Ask AI" button and the summary line all fit the box's width.
  expect(await output.evaluate((box) => box.scrollWidth - box.clientWidth)).toBeLessThanOrEqual(0);
  await context.close();
});

it("marks the section being read in the table of contents", async () => {
  const { page, context } = await openPage(browser(), DROPOUT, { viewport: { width: 1280, height: 800 } });
  const toc = page.getByRole("navigation", { name: "On this page" });
  const current = () => toc.locator("a[aria-current]").getAttribute("href");
  await page.waitForFunction(() => document.querySelector(".toc a[aria-current]") !== null);
  await page.locator("#train-mode-and-eval-mode").evaluate((h) => h.scrollIntoView());
  await page.waitForFunction(() => document.querySelector(".toc a[aria-current]")?.getAttribute("href") === "#train-mode-and-eval-mode");
  await expect(current()).resolves.toBe("#train-mode-and-eval-mode");
  expect(await toc.locator("a[aria-current]").count()).toBe(1);
  await context.close();
});

it("without JavaScript: the lesson reads, the quiz says it needs JavaScript, dead controls are hidden", async () => {
  const { page, context } = await openPage(browser(), DROPOUT, { javaScriptEnabled: false });
  const quiz = page.locator("section.quiz");
  // Each learner's round (questions, numbers) comes from the server: without JavaScript there is none.
  await expect(quiz.getByText("The quiz needs JavaScript").isVisible()).resolves.toBe(true);
  await expect(page.getByText("Loading your questions…").first().isVisible()).resolves.toBe(false);
  expect(await quiz.locator("input:visible").count()).toBe(0);
  for (const name of [/^Check/, /^Ask AI$/, /^Run /, /^Copy/]) {
    expect(await page.getByRole("button", { name }).count()).toBe(0);
  }
  // Listings and math are there to read.
  expect(await page.locator("figure.listing pre code").count()).toBeGreaterThan(0);
  expect(await page.locator("pre.cell-static").count()).toBeGreaterThan(0);
  expect(await page.locator(".katex").count()).toBeGreaterThan(10);
  await context.close();
});
