// Launches Debian's Chromium through playwright-core, with flags that work offline and as root.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../bench/browser.mjs";
import { SETTLED_ATTRIBUTE } from "@/components/mdx/settle-runs";
import { E2E_STATE, ROOT } from "../support/paths";

// Browser tests start pages, workers and WebGL: give them room (the default is 5 s).
jest.setTimeout(60_000);

/** The SQLite file the browser tests' server writes to. */
export function e2eDatabase(): string {
  return (JSON.parse(fs.readFileSync(E2E_STATE, "utf8")) as { dbFile: string }).dbFile;
}

export function baseURL(): string {
  return (JSON.parse(fs.readFileSync(E2E_STATE, "utf8")) as { baseURL: string }).baseURL;
}

export async function launch(): Promise<Browser> {
  // playwright gives every launch a fresh, empty profile directory of its own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** Where a failed test leaves a screenshot of each open page and a Playwright trace. */
export const FAILURE_DIR = path.join(ROOT, ".tmp/e2e-failures");
const traced = new Set<BrowserContext>();

export async function newPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ baseURL: baseURL(), ...options });
  context.setDefaultTimeout(20_000); // a stuck wait fails with a message, not a jest timeout
  await context.tracing.start({ snapshots: true, screenshots: false });
  await context.tracing.startChunk();
  traced.add(context);
  context.on("close", () => traced.delete(context));
  return { context, page: await context.newPage() };
}

/** newPage, then loads `href` in it. */
export async function openPage(browser: Browser, href: string, options: BrowserContextOptions = {}) {
  const opened = await newPage(browser, options);
  await opened.page.goto(href);
  return opened;
}

// After each test: a failed one saves its pages' screenshots and its trace chunk; a passing one
// drops its chunk (a context shared by several tests starts a new chunk per test).
afterEach(async () => {
  const failed = (globalThis as { __failedTest?: string }).__failedTest;
  const name = failed?.replace(/[^\w-]+/g, "-").slice(0, 80);
  for (const [i, context] of [...traced].entries()) {
    try {
      if (name) {
        fs.mkdirSync(FAILURE_DIR, { recursive: true });
        for (const [j, page] of context.pages().entries()) {
          const file = path.join(FAILURE_DIR, `${name}-${i}-${j}.png`);
          await page.screenshot({ path: file, fullPage: false, timeout: 5_000 });
          process.stderr.write(`e2e failure: screenshot of ${page.url()} in ${path.relative(ROOT, file)}\n`);
        }
        const trace = path.join(FAILURE_DIR, `${name}-${i}.trace.zip`);
        await context.tracing.stopChunk({ path: trace });
        process.stderr.write(`e2e failure: trace in ${path.relative(ROOT, trace)} (npx playwright-core show-trace <file>)\n`);
      } else {
        await context.tracing.stopChunk();
      }
      await context.tracing.startChunk();
    } catch {
      // The page or context is gone (closed by the test, or its process crashed): nothing to save.
    }
  }
});

/** One browser for the whole test file (launched before its tests, closed after). */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());
  return () => browser!;
}

/** Replaces a code cell's code by typing into its editor, as a learner would. */
export async function editCell(cell: Locator, code: string) {
  await cell.scrollIntoViewIfNeeded();
  const editor = cell.locator(".cm-content");
  await editor.waitFor();
  await editor.click();
  await cell.page().keyboard.press("Control+A");
  await cell.page().keyboard.press("Delete");
  await cell.page().keyboard.insertText(code);
}

export const DROPOUT = "/courses/optimization-regularization/regularization-techniques/dropout";

/** A lesson's code cell by its id. */
export const cellAt = (page: Page, id: string) => page.locator(`[data-cell-id="${id}"]`);

/** A cell's output panel. */
export const cellOutput = (cell: Locator) => cell.getByRole("log", { name: "Output" });

/** Clicks Run and waits for the run to end (the summary line or a stop message); returns the output. */
export async function runCell(cell: Locator, timeout = 30_000): Promise<string> {
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole("button", { name: "Run" }).click();
  await cell.locator(".cell-meta, .cell-warn:has-text('Stopped')").first().waitFor({ timeout });
  return cellOutput(cell).innerText();
}

/** Waits until a chapter page has hydrated and read the learner's progress (its Mark as read button is enabled). */
export const chapterReady = (page: Page) =>
  page.waitForFunction(() => document.querySelector(".mark-read button")?.getAttribute("aria-disabled") === "false");

/** openPage on a chapter, then waits until it is ready (chapterReady). */
export async function openChapter(browser: Browser, href: string, options: BrowserContextOptions = {}) {
  const opened = await openPage(browser, href, options);
  await chapterReady(opened.page);
  return opened;
}

/**
 * Waits until a lesson has laid out its off-screen sections (components/mdx/settle-runs.ts). Until
 * then a section laid out for the first time as a test scrolls to it can move what is below it,
 * between Playwright's check that a target is still and its click.
 */
export const lessonSettled = (page: Page) => page.locator(`html[${SETTLED_ATTRIBUTE}]`).waitFor({ state: "attached" });

/** Waits until the page's runner has a fresh worker ready for the next run (slow on a loaded machine). */
export const runnerWarm = (page: Page, timeout = 60_000) =>
  page.locator('iframe[title="Code runner sandbox"][data-warm="true"]').waitFor({ state: "attached", timeout });

/**
 * Gives the quiz question some answer, whatever its type (a learner's round is drawn from the
 * bank): ticks its first choice, types a number, or leaves the steps in their starting order.
 */
export async function answerSomehow(question: Locator) {
  const box = question.locator("input[type=checkbox], input[type=radio]").first();
  if (await box.count()) return box.check();
  const number = question.locator('input[inputmode="decimal"]');
  if (await number.count()) return number.fill("1");
}
