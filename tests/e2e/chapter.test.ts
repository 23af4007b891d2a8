// A learner reading the Dropout chapter in real Chromium: math, listings, menu, prev/next, no-JS.
import fs from "node:fs";
import path from "node:path";
import { chaptersInOrder, loadCourses } from "@/lib/content/load";
import { defined, invariant } from "@/lib/invariant";
import { ROOT } from "../support/paths";
import { captured } from "../support/text";
import { baseURL, newPage, openPage, useBrowser } from "./browser";

const course = defined(loadCourses(path.join(ROOT, "content"))[0], "the course under content/");
const chapters = chaptersInOrder(course);
const dropout = chapters.find((c) => c.slug === "dropout")!;

const browser = useBrowser();

it("shows the Dropout chapter with its title, position, rendered math and table of contents", async () => {
  const { page, context } = await openPage(browser(), dropout.href);
  await expect(page.locator("h1").textContent()).resolves.toBe("Dropout: Theory and Implementation");
  await expect(page.locator(".eyebrow").first().textContent()).resolves.toBe("Section 3 · Chapter 3");
  expect(await page.locator(".katex").count()).toBeGreaterThan(10);
  expect(await page.locator(".katex-display").count()).toBeGreaterThanOrEqual(3);
  // A Bernoulli mask with the drop rate: rendered by KaTeX as MathML too (for screen readers).
  expect(await page.locator(".katex-mathml annotation").allTextContents()).toContain("h_i' = \\frac{d_i \\, h_i}{1 - p}.");
  const toc = page.getByRole("navigation", { name: "On this page" });
  await toc.getByRole("link", { name: "Train mode and eval mode" }).click();
  await page.waitForURL(/#train-mode-and-eval-mode$/);
  const crumbs = await page.getByRole("navigation", { name: "Breadcrumb" }).locator("li").allTextContents();
  expect(crumbs.map((c) => c.replace(/^\/\s*/, ""))).toEqual([
    "Courses",
    "Optimization and Regularization in Neural Networks",
    "Regularization Techniques",
    "Dropout: Theory and Implementation",
  ]);
  await context.close();
});

it("lays out only the lesson near the screen: far sections wait, and a link into one lands on its heading", async () => {
  // content-visibility: auto on each run of lesson HTML (one per heading); without it every
  // paragraph, formula and listing was laid out at load, again and again while the page parsed.
  const { page, context } = await openPage(browser(), dropout.href, { viewport: { width: 1280, height: 800 } });
  await page.locator('.toc a[aria-current="location"]').waitFor({ state: "attached" });
  const rendered = (id: string) => page.locator(`#${id}`).evaluate((h) => h.checkVisibility({ contentVisibilityAuto: true }));
  const far = "dropout-in-different-architectures";
  await expect(rendered(far)).resolves.toBe(false);
  await page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: "Dropout in different architectures" }).click();
  await page.waitForURL(new RegExp(`#${far}$`));
  await expect(rendered(far)).resolves.toBe(true);
  // Sections above it are still estimates until seen; the heading is at the top regardless.
  await page.waitForFunction((id) => Math.abs(document.getElementById(id)!.getBoundingClientRect().top) < 40, far);
  await page.waitForFunction(
    () => document.querySelector(".toc a[aria-current]")?.getAttribute("href") === "#dropout-in-different-architectures",
  );
  // Placeholder heights are estimated from each run's text, listings and tables: a jump to a
  // figure far down leaves it on screen once the sections around it are laid out.
  await page.goto(dropout.href);
  await page.locator('.toc a[aria-current="location"]').waitFor({ state: "attached" });
  await page.locator('[data-lab-slot="experiment"]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  const top = await page.locator('[data-lab-slot="experiment"]').evaluate((e) => e.getBoundingClientRect().top);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(800);
  await context.close();
});

it("copies a listing exactly with a keyboard-operated copy button that says Copied", async () => {
  const { page, context } = await newPage(browser());
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(dropout.href);
  const source = fs.readFileSync(dropout.file, "utf8");
  const expected = captured(/```python[^\n]*\n([\s\S]*?)\n```/, source);

  const listing = page.locator("figure.listing").first();
  const button = listing.getByRole("button", { name: "Copy" });
  // Shown once its listener exists (LessonEnhancer): a press before that did nothing.
  await button.waitFor({ state: "visible" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(listing.getByRole("button", { name: "Copied" }).waitFor()).resolves.toBeUndefined();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  // Line numbers are shown but never copied.
  expect(await listing.locator("[data-line]").count()).toBe(expected.split("\n").length);
  await context.close();
});

it("highlights listings at build time (coloured tokens in the HTML, no client highlighter)", async () => {
  const html = await (await fetch(new URL(dropout.href, baseURL()))).text();
  expect(html).toMatch(/data-rehype-pretty-code-figure/);
  expect(html).toMatch(/--shiki-dark:/);
});

it("reaches every chapter from the menu, with the current one marked", async () => {
  const { page, context } = await openPage(browser(), dropout.href);
  const menu = page.getByRole("navigation", { name: "Course chapters" });
  const links = await menu.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(links).toEqual([course.href, ...chapters.map((c) => c.href)]);
  expect(await menu.locator('[aria-current="page"]').textContent()).toContain("3.3");

  for (const chapter of chapters) {
    await page.goto(dropout.href);
    await menu.getByRole("link", { name: new RegExp(chapter.title.replace(/[()]/g, "\\$&")) }).click();
    await page.waitForURL((url) => url.pathname === chapter.href);
    await expect(page.locator("h1").textContent()).resolves.toBe(chapter.title);
    await expect(page.locator(".eyebrow").first().textContent()).resolves.toBe(
      `Section ${chapter.sectionNumber} · Chapter ${chapter.number}`,
    );
  }
  await context.close();
});

it("walks the whole course with Next and back with Previous", async () => {
  const { page, context } = await openPage(browser(), defined(chapters[0], "a first chapter").href);
  for (const chapter of chapters.slice(1)) {
    await page.getByRole("link", { name: /Next/ }).click();
    await page.waitForURL((url) => url.pathname === chapter.href);
  }
  expect(await page.getByRole("link", { name: /Next/ }).count()).toBe(0);
  for (const chapter of chapters.slice(0, -1).reverse()) {
    await page.getByRole("link", { name: /Previous/ }).click();
    await page.waitForURL((url) => url.pathname === chapter.href);
  }
  await context.close();
});

it("renders the lesson text and math with JavaScript disabled", async () => {
  const { page, context } = await openPage(browser(), dropout.href, { javaScriptEnabled: false });
  await expect(page.locator("h1").textContent()).resolves.toBe("Dropout: Theory and Implementation");
  expect(await page.locator("article").textContent()).toContain("inverted dropout");
  expect(await page.locator(".katex").count()).toBeGreaterThan(10);
  // Without JS the narrow-screen menu cannot toggle, so it stays open.
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await page.getByRole("navigation", { name: "Course chapters" }).isVisible()).toBe(true);
  await context.close();
});

it("collapses the menu behind a toggle on a phone, opening and closing by keyboard", async () => {
  const { page, context } = await openPage(browser(), dropout.href, { viewport: { width: 390, height: 844 } });
  const toggle = page.getByRole("button", { name: "Chapters" });
  const menu = page.getByRole("navigation", { name: "Course chapters" });
  await expect(menu.isVisible()).resolves.toBe(false);
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("true");
  await expect(menu.isVisible()).resolves.toBe(true);
  await page.keyboard.press("Escape");
  await expect(menu.isVisible()).resolves.toBe(false);
  // Nothing on the page is wider than the phone screen except scrollable listings.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

it("follows the system's dark theme", async () => {
  const { page, context } = await openPage(browser(), dropout.href, { colorScheme: "dark" });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  invariant(r !== undefined && g !== undefined && b !== undefined, `an rgb() colour, got ${background}`);
  expect(r + g + b).toBeLessThan(100);
  await context.close();
});

it("lists the course on the home page and answers unknown chapters with 404", async () => {
  const { page, context } = await openPage(browser(), "/");
  await page.getByRole("link", { name: "Optimization and Regularization in Neural Networks" }).first().click();
  await page.waitForURL((url) => url.pathname === course.href);
  await page.getByRole("link", { name: /Dropout: Theory and Implementation/ }).click();
  await page.waitForURL((url) => url.pathname === dropout.href);
  const missing = await page.goto(`${course.href}/regularization-techniques/no-such-chapter`);
  expect(missing?.status()).toBe(404);
  await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
  await context.close();
});
