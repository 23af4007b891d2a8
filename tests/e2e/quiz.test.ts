// Taking the Dropout quiz in real Chromium: wrong then right, partial wording, resume, progress,
// and no answer key anywhere in what the browser gets before it submits.
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { loadQuiz } from "@/lib/quiz/quiz.server";
import { ROOT } from "../support/paths";
import { baseURL, newPage, useBrowser } from "./browser";

const DROPOUT = "/courses/optimization-regularization/regularization-techniques/dropout";
const quiz = loadQuiz({
  id: "optimization-regularization/regularization-techniques/dropout",
  file: path.join(ROOT, "content/courses/optimization-regularization/regularization-techniques/dropout.mdx"),
})!;

const browser = useBrowser();

const question = (page: Page, id: string) => page.locator(`[data-question-id="${id}"]`);
const choice = (q: Locator, id: string) => q.locator(`[data-choice-id="${id}"] input`);

async function answer(q: Locator, ids: string[]) {
  for (const id of ids) await choice(q, id).check();
  await q.getByRole("button", { name: "Check" }).click();
  await q.locator(".result-summary").waitFor();
  return q.locator(".result-summary").innerText();
}

it("takes the statement question wrong, then right, with clear wording and per-choice marks", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);
  const q = question(page, "dropout-statements");
  await q.scrollIntoViewIfNeeded();
  await expect(q.locator("legend").innerText()).resolves.toContain("Which of the following statements about dropout are true?");
  await expect(q.getByText("Select all that apply.").isVisible()).resolves.toBe(true);
  const check = q.getByRole("button", { name: "Check" });
  await expect(check.isDisabled()).resolves.toBe(true);

  expect(await answer(q, ["drop-with-p", "inverted-scaling", "p-is-keep"])).toBe("You got 2 of 3 right, and 1 of your choices is wrong.");
  await expect(q.locator('[data-choice-id="p-is-keep"]').getAttribute("data-state")).resolves.toBe("wrong");
  await expect(q.locator('[data-choice-id="p-is-keep"] .choice-rationale').innerText()).resolves.toContain("drop probability");
  await expect(q.locator('[data-choice-id="expectation"]').getAttribute("data-state")).resolves.toBeNull();
  await expect(q.locator(".result-meta").innerText()).resolves.toBe("Score 0% · attempt 1 of 3 · 2 attempts left");

  await q.getByRole("button", { name: "Try again" }).click();
  await expect(choice(q, "drop-with-p").isChecked()).resolves.toBe(false);
  expect(await answer(q, ["drop-with-p", "inverted-scaling", "expectation"])).toBe("Correct! You found all 3 right answers.");
  await expect(q.locator('[data-state="right"]').count()).resolves.toBe(3);
  await expect(q.locator(".result-explanation").isVisible()).resolves.toBe(true);
  expect(await q.getByRole("button", { name: "Try again" }).count()).toBe(0);

  // Resume: after a reload the result and the attempts used are still there.
  await page.reload();
  await q.scrollIntoViewIfNeeded();
  await q.locator(".result-summary").waitFor();
  await expect(q.locator(".result-summary").innerText()).resolves.toBe("Correct! You found all 3 right answers.");
  await expect(q.locator(".result-meta").innerText()).resolves.toBe("Score 100% · attempt 2 of 3");
  await expect(choice(q, "expectation").isChecked()).resolves.toBe(true);
  await expect(choice(q, "expectation").isDisabled()).resolves.toBe(true);
  await context.close();
});

it("keeps attempts and the choice order after an answer when the learner's answers could not be loaded", async () => {
  // A malformed learner cookie makes loading the quiz state fail (400, cookie cleared); the quiz
  // still lets the learner answer. It used to hand each question a new "nothing yet" object on
  // every render, so the question reset its attempts to 0 and reshuffled after each answer.
  const { page, context } = await newPage(browser());
  await context.addCookies([{ name: "lbr_learner", value: "not-a-uuid", url: baseURL() }]);
  await page.goto(DROPOUT);
  const q = question(page, "dropout-statements");
  await q.scrollIntoViewIfNeeded();
  await page.locator(".quiz .form-error").first().waitFor();
  await q.getByText("Loading your answers…").waitFor({ state: "detached" });
  // The failed load cleared the cookie, and a write needs one (401 otherwise): give the browser a
  // fresh learner, as reloading would. The page keeps the state that failed to load.
  await context.addCookies([{ name: "lbr_learner", value: randomUUID(), url: baseURL() }]);
  const order = () => q.locator("[data-choice-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-choice-id")));
  const before = await order();

  expect(await answer(q, ["drop-with-p", "inverted-scaling", "p-is-keep"])).toBe("You got 2 of 3 right, and 1 of your choices is wrong.");
  await expect(q.locator(".result-meta").innerText()).resolves.toBe("Score 0% · attempt 1 of 3 · 2 attempts left");
  expect(await order()).toEqual(before);
  await q.getByRole("button", { name: "Try again" }).click();
  await expect(q.getByText("Attempt 2 of 3").isVisible()).resolves.toBe(true);
  await context.close();
});

it("works from the keyboard: Space selects, Enter checks, the result gets focus", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);
  const q = question(page, "eval-twice");
  await q.scrollIntoViewIfNeeded();
  await q.getByText("Loading your answers…").waitFor({ state: "detached" });
  await q.getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown"); // radios: arrows move the selection within the group
  const selected = await q.locator("input:checked").getAttribute("value");
  await q.getByRole("button", { name: "Check" }).focus();
  await page.keyboard.press("Enter");
  await q.locator(".result-summary").waitFor();
  await page.waitForFunction(() => document.activeElement?.className === "question-result"); // focus moved to the result
  const expected = selected === "identical" ? "Correct!" : "Not quite.";
  await expect(q.locator(".result-summary").innerText()).resolves.toBe(expected);
  await context.close();
});

it("passes the quiz and shows it in the chapter menu", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);
  for (const item of quiz.questions) {
    const q = question(page, item.id);
    await q.scrollIntoViewIfNeeded();
    await q.getByRole("button", { name: "Check" }).waitFor();
    await answer(q, item.choices.filter((c) => c.correct).map((c) => c.id));
  }
  await page.locator(".quiz-score").getByText("Your quiz score: 100% — passed.").waitFor();
  const menu = page.getByRole("navigation", { name: "Course chapters" });
  await expect(menu.locator('[aria-current="page"]').innerText()).resolves.toContain("★");
  await page.reload();
  await menu.getByText("(quiz passed)").waitFor({ state: "attached" });
  await context.close();
});

it("sends no answer key to the browser before it submits: not in HTML, RSC payload or JS", async () => {
  const url = new URL(DROPOUT, baseURL());
  const html = await (await fetch(url)).text();
  const rsc = await (await fetch(url, { headers: { RSC: "1" } })).text();
  expect(rsc.length).toBeGreaterThan(1000);
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  const chunks = await Promise.all(scripts.map(async (src) => (await fetch(new URL(src, baseURL()))).text()));
  const everything = [html, rsc, ...chunks];

  // The public questions are there…
  for (const q of quiz.questions) expect(html).toContain(q.id);
  // …but nothing that tells which choice is right.
  const secrets = quiz.questions.flatMap((q) => [q.explanationHtml, ...q.choices.map((c) => c.rationaleHtml), ...Object.values(q.feedbackHtml ?? {})]);
  const plain = (h: string) => h.replace(/<[^>]+>/g, "").trim().slice(0, 60);
  for (const secret of secrets.filter(Boolean) as string[]) {
    for (const text of everything) expect(text).not.toContain(plain(secret));
  }
  for (const text of [html, rsc]) {
    expect(text).not.toMatch(/\\?"correct\\?":\s*(true|false)/);
    expect(text).not.toMatch(/\\?"fraction\\?":/);
  }
});
