// The Dropout lesson's mask figure in real Chromium: masks, rate, train/eval, keyboard,
// auto-play, accessibility (light, dark, phone width) and the page without JavaScript.
import type { Page } from "playwright-core";
import { defined } from "@/lib/invariant";
import { makeMaskNet } from "@/content/courses/optimization-regularization/figures/lab/mask";
import { axeViolations } from "./axe";
import { DROPOUT, newPage, openPage, useBrowser } from "./browser";

const FIGURE = "figure.lab-mask";
const { h } = makeMaskNet(); // the activations the figure must show (and scale)
const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

const browser = useBrowser();

/**
 * Opens the lesson, scrolls to the figure (its interactive code loads only when the reader comes
 * near it) and waits until the interactive figure's controls exist.
 */
async function openFigure(page: Page) {
  await page.goto(DROPOUT);
  const figure = page.locator(FIGURE);
  await figure.scrollIntoViewIfNeeded();
  await figure.getByRole("button", { name: "Next mask" }).waitFor();
  return figure;
}

async function droppedUnits(page: Page): Promise<number[]> {
  return page.locator(`${FIGURE} .lab-unit[data-dropped="true"]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-unit"))));
}

async function shownValues(page: Page): Promise<string[]> {
  return page.locator(`${FIGURE} .lab-unit .lab-value`).allTextContents();
}

async function passes(page: Page): Promise<number> {
  return Number(await page.locator(FIGURE).getAttribute("data-passes"));
}

async function sharePercent(page: Page): Promise<number> {
  return Number.parseFloat((await page.locator(`${FIGURE} [data-stat="share"]`).textContent())!);
}

it("draws a fresh mask on Next mask: dropped units show 0, survivors h/(1 − p)", async () => {
  const { page, context } = await newPage(browser());
  const figure = await openFigure(page);
  const first = await droppedUnits(page);
  expect(first.length).toBeGreaterThan(0);
  expect(first.length).toBeLessThan(h.length);
  await figure.getByRole("button", { name: "Next mask" }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-passes") === "2", FIGURE);
  const second = await droppedUnits(page);
  expect(second).not.toEqual(first);

  // p = 0.5 by default: survivors doubled, dropped units 0.
  const values = await shownValues(page);
  expect(values).toEqual(h.map((v, i) => (second.includes(i + 1) ? "0" : fmt(v * 2))));
  // The text alternative and the live status say the same as the picture.
  const svg = figure.getByRole("img");
  await expect(svg.getAttribute("aria-labelledby")).resolves.toBeTruthy();
  expect(await figure.locator("svg title").textContent()).toBe(
    `Network diagram in training mode: ${second.length} of ${h.length} hidden units dropped`,
  );
  expect(await figure.getByRole("status").textContent()).toBe(`Pass 2: ${second.length} of ${h.length} hidden units dropped.`);
  await context.close();
});

it("changes the rate with the slider, resets the counts and drops about that share", async () => {
  const { page, context } = await newPage(browser());
  const figure = await openFigure(page);
  const slider = figure.getByRole("slider", { name: "Drop rate p" });
  await figure.getByRole("button", { name: "Run 1,000 passes" }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-passes") === "1001", FIGURE);
  expect(Math.abs((await sharePercent(page)) - 50)).toBeLessThan(4);

  await slider.focus();
  await page.keyboard.press("End");
  await expect(figure.locator(".lab-rate-value").textContent()).resolves.toBe("0.90");
  expect(await passes(page)).toBe(1); // counts start again at the new rate
  await figure.getByRole("button", { name: "Run 1,000 passes" }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-passes") === "1001", FIGURE);
  expect(Math.abs((await sharePercent(page)) - 90)).toBeLessThan(3);

  await slider.focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < 4; i += 1) await page.keyboard.press("ArrowRight");
  await expect(figure.locator(".lab-rate-value").textContent()).resolves.toBe("0.20");
  await figure.getByRole("button", { name: "Run 1,000 passes" }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-passes") === "1001", FIGURE);
  expect(Math.abs((await sharePercent(page)) - 20)).toBeLessThan(3);
  // Survivors now scaled by 1/(1 − 0.2) = 1.25.
  const dropped = await droppedUnits(page);
  expect(await shownValues(page)).toEqual(h.map((v, i) => (dropped.includes(i + 1) ? "0" : fmt(v / 0.8))));
  // The readout's mean of h′ for the watched unit is close to h after 1,001 passes.
  const watched = Number(await figure.locator('.lab-unit[data-watched="true"]').getAttribute("data-unit")) - 1;
  const mean = Number(await figure.locator('[data-stat="mean"]').textContent());
  const hWatched = defined(h[watched], `h of unit ${watched + 1}`);
  expect(Math.abs(mean - hWatched)).toBeLessThan(0.1 * hWatched);
  await context.close();
});

it("drops nothing and scales nothing in evaluation mode", async () => {
  const { page, context } = await newPage(browser());
  const figure = await openFigure(page);
  await figure.getByRole("radio", { name: "Evaluation" }).check();
  await expect(figure.getAttribute("data-mode")).resolves.toBe("eval");
  for (let n = 0; n < 3; n += 1) {
    expect(await droppedUnits(page)).toEqual([]);
    expect(await shownValues(page)).toEqual(h.map(fmt));
    await figure.getByRole("button", { name: "Next mask" }).click();
  }
  await figure.getByRole("button", { name: "Run 1,000 passes" }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-passes") === "1004", FIGURE);
  expect(await sharePercent(page)).toBe(0);
  expect(await figure.locator('[data-stat="variance"]').textContent()).toBe("0.000");
  expect(await figure.getByRole("status").textContent()).toMatch(/^Added 1,000 passes, 1,004 in total/);
  // Back to training: masks again.
  await figure.getByRole("radio", { name: "Training" }).check();
  await figure.getByRole("button", { name: "Run 1,000 passes" }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-passes") === "1001", FIGURE);
  expect(await sharePercent(page)).toBeGreaterThan(40);
  await context.close();
});

it("is operated by keyboard alone, with visible focus", async () => {
  const { page, context } = await newPage(browser());
  const figure = await openFigure(page);
  const focusedName = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return el.getAttribute("aria-label") ?? el.textContent?.trim() ?? "";
    });
  // Start on the slider (as if tabbed there), then use keys only.
  await figure.getByRole("slider").focus();
  await page.keyboard.press("ArrowLeft"); // 0.50 → 0.45
  await expect(figure.locator(".lab-rate-value").textContent()).resolves.toBe("0.45");
  await page.keyboard.press("Tab"); // the checked mode radio
  await page.keyboard.press("ArrowRight"); // → Evaluation
  await expect(figure.getAttribute("data-mode")).resolves.toBe("eval");
  await page.keyboard.press("ArrowLeft"); // → Training
  await expect(figure.getAttribute("data-mode")).resolves.toBe("train");
  await page.keyboard.press("Tab");
  expect(await focusedName()).toBe("Next mask");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Space");
  await expect(passes(page)).resolves.toBe(3);
  await page.keyboard.press("Tab");
  expect(await focusedName()).toBe("Play");
  await page.keyboard.press("Tab");
  expect(await focusedName()).toBe("Run 1,000 passes");
  await page.keyboard.press("Enter");
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-passes") === "1003", FIGURE);
  await page.keyboard.press("Tab"); // the unit to watch
  const before = await figure.locator('.lab-unit[data-watched="true"]').getAttribute("data-unit");
  await page.keyboard.press(before === String(h.length) ? "ArrowUp" : "ArrowDown");
  const after = await figure.locator('.lab-unit[data-watched="true"]').getAttribute("data-unit");
  expect(after).not.toBe(before);
  expect(await figure.locator("caption").textContent()).toContain(`h′ of unit ${after} over 1,003 passes`);
  await context.close();
});

it("auto-plays on request only, without announcing every pass", async () => {
  const { page, context } = await newPage(browser(), { reducedMotion: "reduce" });
  const figure = await openFigure(page);
  await page.waitForTimeout(2000);
  expect(await passes(page)).toBe(1); // nothing moves by itself
  expect(
    await figure
      .locator(".lab-box")
      .first()
      .evaluate((el) => getComputedStyle(el).transitionDuration),
  ).toBe("0s");

  await figure.getByRole("button", { name: "Play" }).click();
  const status = await figure.getByRole("status").textContent();
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute("data-passes")) >= 4, FIGURE);
  expect(await figure.getByRole("status").textContent()).toBe(status);
  await figure.getByRole("button", { name: "Pause" }).click();
  const stopped = await passes(page);
  expect(await figure.getByRole("status").textContent()).toMatch(new RegExp(`^Paused after ${stopped} passes`));
  await page.waitForTimeout(1500);
  expect(await passes(page)).toBe(stopped);
  await context.close();
});

it("has no axe violations in light and dark, and fits a 390 px phone", async () => {
  for (const options of [{}, { colorScheme: "dark" as const }, { colorScheme: "dark" as const, viewport: { width: 390, height: 844 } }]) {
    const { page, context } = await newPage(browser(), options);
    const figure = await openFigure(page);
    await figure.getByRole("button", { name: "Next mask" }).click();
    await figure.getByRole("button", { name: "Run 1,000 passes" }).click();
    expect(await axeViolations(page, FIGURE)).toEqual([]);
    await figure.getByRole("radio", { name: "Evaluation" }).check();
    expect(await axeViolations(page, FIGURE)).toEqual([]);
    const fits = await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);
    if (options.viewport) {
      const box = (await figure.locator("svg").boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await context.close();
  }
});

it("shows the diagram and a static description without JavaScript, and no controls", async () => {
  const { page, context } = await openPage(browser(), DROPOUT, { javaScriptEnabled: false });
  const figure = page.locator(FIGURE);
  await expect(figure.locator(".lab-static").isVisible()).resolves.toBe(true);
  const text = (await figure.locator(".lab-static").textContent())!;
  const dropped = await droppedUnits(page);
  expect(dropped.length).toBeGreaterThan(0);
  expect(text).toContain(`Dropped (output 0): units ${dropped.join(", ")}.`);
  expect(await figure.getByRole("img").count()).toBe(1);
  expect(await figure.locator("button, input, select").count()).toBe(0);
  await context.close();
});
