// An item bank in real Chromium at 390 px, by keyboard: a round of six drawn for this learner,
// numbers typed, steps ordered with their buttons, choices with Space; solutions once the round is
// finished; the predict listing runs; axe finds nothing; without JavaScript the quiz says so.
import type { Locator, Page } from "playwright-core";
import type { QuizState } from "@/lib/quiz/types";
import { solveBankQuestion } from "../support/bank-answers";
import { FIXTURE_BANK_CHAPTER } from "../support/content-dirs";
import { axeViolations } from "./axe";
import { openChapter, openPage, runCell, useBrowser } from "./browser";

const browser = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

const roundOf = (page: Page) =>
  page.evaluate(
    async (id) => (await fetch(`/api/quiz/state?chapterId=${encodeURIComponent(id)}`)).json(),
    FIXTURE_BANK_CHAPTER.id,
  ) as Promise<QuizState>;

/** Presses keys on a focused element, as a keyboard user would. */
async function press(target: Locator, key = "Enter") {
  await target.focus();
  await target.page().keyboard.press(key);
}

/** Answers one question of the round by keyboard with `answer` (ids as the state gave them). */
async function answerByKeyboard(page: Page, q: Locator, answer: Record<string, unknown>) {
  if (answer.value !== undefined) {
    await q.locator('input[inputmode="decimal"]').focus();
    await page.keyboard.type(String(answer.value));
    await page.keyboard.press("Enter"); // Enter in the field checks
    return;
  }
  if (answer.order) {
    // Move each step up to its place, top to bottom, with its "Move up" button.
    const want = answer.order as string[];
    for (let target = 0; target < want.length; target++) {
      for (;;) {
        const now = await q
          .locator("ol li")
          .evaluateAll((lis) =>
            lis.map((li) => li.querySelector("button")?.getAttribute("data-step-move")?.split("-").slice(1, -1).join("-")),
          );
        const at = now.indexOf(want[target]!);
        if (at <= target) break;
        await press(q.locator(`[data-step-move$="-${want[target]}-up"]`));
      }
    }
  } else {
    for (const id of answer.selected as string[]) await press(q.locator(`[data-choice-id="${id}"] input`), "Space");
  }
  await press(q.getByRole("button", { name: /^Check question/ }));
}

it("answers every item type by keyboard on a phone, then shows the solutions and runs the listing", async () => {
  const { page, context } = await openChapter(browser(), `${FIXTURE_BANK_CHAPTER.href}#quiz-title`, { ...PHONE, colorScheme: "dark" });
  await page.locator(".question").first().waitFor();
  const state = await roundOf(page);
  expect(state.order).toHaveLength(6);
  await expect(page.locator(".question").count()).resolves.toBe(6);
  expect(await axeViolations(page, ".quiz")).toEqual([]);

  for (const id of state.order) {
    const q = page.locator(`[data-question-id="${id}"]`);
    await q.scrollIntoViewIfNeeded();
    await answerByKeyboard(page, q, solveBankQuestion(state.questions[id]!));
    await q.locator(".result-summary").getByText("Correct!").waitFor();
    // Focus moved to the result, never to <body>.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("question-result");
  }
  await page.getByText("Round finished: every question now shows its solution and explanation.").waitFor();
  await page.locator(".quiz-score").getByText("Your quiz score: 100% — passed.").waitFor();
  expect(await page.locator(".result-explanation").count()).toBe(6);
  expect(await axeViolations(page, ".quiz")).toEqual([]);

  // Numbers show the key with its tolerance; a predict listing can be run now.
  const numeric = state.order.find((id) => !state.questions[id]!.choices && !state.questions[id]!.steps)!;
  await expect(page.locator(`[data-question-id="${numeric}"] .result-meta`).first().innerText()).resolves.toMatch(/the answer: -?[\d.]+/);
  if (state.order.includes("sum-listing")) {
    const listing = page.locator('[data-question-id="sum-listing"]');
    const cell = listing.locator("[data-cell-id]");
    const k = Number(/length: (\d+)/.exec(state.questions["sum-listing"]!.code!)![1]);
    expect(await runCell(cell, 60_000)).toContain(String(3 * k));
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

it("says a wrong number is wrong without giving the key, and refuses text that is not a number", async () => {
  const { page, context } = await openPage(browser(), FIXTURE_BANK_CHAPTER.href, PHONE);
  await page.locator(".question").first().waitFor();
  const state = await roundOf(page);
  const id = state.order.find((x) => !state.questions[x]!.choices && !state.questions[x]!.steps)!;
  const q = page.locator(`[data-question-id="${id}"]`);
  await q.scrollIntoViewIfNeeded();
  await answerByKeyboard(page, q, { value: "twelve" });
  await q.getByText(/"twelve" is not a number/).waitFor();
  await q.locator('input[inputmode="decimal"]').fill("");
  await answerByKeyboard(page, q, { value: "987654" });
  await q.locator(".result-summary").getByText("Not quite.").waitFor();
  await expect(q.locator(".result-meta").first().innerText()).resolves.not.toMatch(/the answer/);
  expect(await axeViolations(page, ".quiz")).toEqual([]);
  await context.close();
});

it("without JavaScript, says the quiz needs JavaScript", async () => {
  const { page, context } = await openPage(browser(), FIXTURE_BANK_CHAPTER.href, { ...PHONE, javaScriptEnabled: false });
  await expect(page.getByText("The quiz needs JavaScript").isVisible()).resolves.toBe(true);
  await expect(page.getByText("Loading your questions…").isVisible()).resolves.toBe(false);
  await context.close();
});
