// axe-core (WCAG 2.2 A/AA + best practice) on every page and on the lesson's interactive states,
// in both colour schemes, on a phone and on a desktop. Any violation fails with its rule and nodes.
import path from "node:path";
import type { BrowserContextOptions, Page } from "playwright-core";
import { chaptersInOrder, loadCourses } from "@/lib/content/load";
import { defined } from "@/lib/invariant";
import { authorCookie } from "../support/accounts-http";
import { E2E_AUTHOR_TOKEN, ROOT } from "../support/paths";
import { axeViolations } from "./axe";
import { answerSomehow, baseURL, cellAt, DROPOUT, editCell, newPage, openPage, runCell, useBrowser } from "./browser";

const course = defined(loadCourses(path.join(ROOT, "content"))[0], "the course under content/");
const chapters = chaptersInOrder(course);
const PAGES = [
  "/",
  course.href,
  ...course.sections.map((s) => s.href),
  ...chapters.map((c) => c.href),
  "/no-such-page",
  "/authors/sign-in",
];

const LIGHT_DESKTOP: [string, BrowserContextOptions] = ["light desktop", { colorScheme: "light", viewport: { width: 1280, height: 800 } }];
const DARK_DESKTOP: [string, BrowserContextOptions] = ["dark desktop", { colorScheme: "dark", viewport: { width: 1280, height: 800 } }];
const LIGHT_PHONE: [string, BrowserContextOptions] = [
  "light phone",
  { colorScheme: "light", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];
const DARK_PHONE: [string, BrowserContextOptions] = [
  "dark phone",
  { colorScheme: "dark", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];
// Every page is checked in both colour schemes and at both widths (light desktop, dark phone);
// the lesson's interactive states in the two other combinations (dark desktop, light phone). So
// each scheme × width pair is covered, at half the time of running everything four times
// (contrast depends on the scheme, reflow on the width; a CI budget of ~2 min for these tests).
const PAGE_VARIANTS = [LIGHT_DESKTOP, DARK_PHONE];
const STATE_VARIANTS = [DARK_DESKTOP, LIGHT_PHONE];

const browser = useBrowser();

// Each test visits many pages (or runs cells) and runs axe on each: minutes on a busy machine,
// not the single-page budget of browser.ts.
const MANY_PAGES_MS = 300_000;

/** Waits until the page's client code has run (hydration marks nothing visible, so use the quiz/menu state). */
async function settle(page: Page) {
  await page.waitForLoadState("load");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
}

describe.each(PAGE_VARIANTS)("%s", (_name, options) => {
  it(
    "every page has no axe violations",
    async () => {
      const { page, context } = await newPage(browser(), options);
      const found: string[] = [];
      for (const url of PAGES) {
        await page.goto(url);
        await settle(page);
        found.push(...(await axeViolations(page)).map((v) => `${url}: ${v}`));
      }
      // The authors' report, signed in.
      const author = await authorCookie(baseURL(), E2E_AUTHOR_TOKEN);
      await context.addCookies([{ name: "lbr_session", value: author.split("=")[1]!, url: baseURL() }]);
      await page.goto("/authors");
      await page.getByRole("heading", { name: "Authors' report" }).waitFor();
      found.push(...(await axeViolations(page)).map((v) => `/authors: ${v}`));
      expect(found).toEqual([]);
      await context.close();
    },
    MANY_PAGES_MS,
  );
});

it.each(STATE_VARIANTS)(
  "the lesson's interactive states have no axe violations (%s)",
  async (_name, options) => {
    const { page, context } = await openPage(browser(), DROPOUT, options);
    const found: string[] = [];
    const check = async (state: string) => found.push(...(await axeViolations(page)).map((v) => `${state}: ${v}`));

    // A cell after a run, and after an error.
    const cell = cellAt(page, "train-vs-eval");
    await runCell(cell);
    await check("cell after running");
    await editCell(cell, 'throw new Error("boom");');
    await runCell(cell);
    await cell.locator(".cell-error").first().waitFor();
    await check("cell after an error");

    // The quiz after submitting an answer.
    const question = page.locator(".question").first();
    await answerSomehow(question);
    await question.getByRole("button", { name: /^Check/ }).click();
    await question.locator(".result-summary").waitFor();
    await check("quiz after submitting");

    // The Ask AI panel, open.
    await page.getByRole("button", { name: "Ask AI", exact: true }).click();
    await page.getByRole("complementary", { name: "Ask AI" }).waitFor();
    await check("Ask AI panel open");

    expect(found).toEqual([]);
    await context.close();
  },
  MANY_PAGES_MS,
);
