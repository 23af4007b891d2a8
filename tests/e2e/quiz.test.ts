// Taking a fixed quiz in real Chromium (the fixture "statements" chapter: the Dropout quiz as it was
// before the banks): wrong then right, the choice feedback policy, resume, progress, retakes and
// focus, a stale second tab, and no answer key (or authoring order or ids) anywhere in what the
// browser gets before it submits. Banks and the new item types: quiz-bank.test.ts.
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { defined } from "@/lib/invariant";
import { loadQuiz, type LoadedChoiceQuestion } from "@/lib/quiz/quiz.server";
import { FIXTURE_CONTENT_DIR, FIXTURE_STATEMENTS_CHAPTER } from "../support/content-dirs";
import { ROOT } from "../support/paths";
import { baseURL, lessonSettled, newPage, openPage, useBrowser } from "./browser";

const DROPOUT = FIXTURE_STATEMENTS_CHAPTER.href;
const CHAPTER_ID = FIXTURE_STATEMENTS_CHAPTER.id;
const loadedQuiz = loadQuiz({ id: CHAPTER_ID, file: path.join(ROOT, FIXTURE_CONTENT_DIR, `courses/${CHAPTER_ID}.mdx`) })!;
const quiz = { ...loadedQuiz, questions: loadedQuiz.questions as LoadedChoiceQuestion[] };

const browser = useBrowser();

const question = (page: Page, id: string) => page.locator(`[data-question-id="${id}"]`);
/** The questions appear once the learner's round arrives from the server. */
const loaded = (q: Locator) => q.waitFor();

/** The ids this page's learner sees for authoring choice ids (matched by the choice's HTML). */
async function shownIds(page: Page, questionId: string, authoring: string[]): Promise<string[]> {
  const state = (await page.evaluate(
    async (id) => (await fetch(`/api/quiz/state?chapterId=${encodeURIComponent(id)}`)).json(),
    CHAPTER_ID,
  )) as { questions: Record<string, { choices: { id: string; html: string }[] }> };
  const item = quiz.questions.find((q) => q.id === questionId)!;
  const { choices } = defined(state.questions[questionId], `the state of ${questionId}`);
  return authoring.map((a) => choices.find((c) => c.html === item.choices.find((x) => x.id === a)!.html)!.id);
}

async function choose(page: Page, q: Locator, questionId: string, authoring: string[]) {
  await lessonSettled(page);
  for (const id of await shownIds(page, questionId, authoring)) await q.locator(`[data-choice-id="${id}"] input`).check();
}

async function answer(page: Page, q: Locator, questionId: string, authoring: string[]) {
  await choose(page, q, questionId, authoring);
  await q.getByRole("button", { name: "Check" }).click();
  await q.locator(".result-summary").waitFor();
  return q.locator(".result-summary").innerText();
}

const rightOf = (id: string) =>
  quiz.questions
    .find((q) => q.id === id)!
    .choices.filter((c) => c.correct)
    .map((c) => c.id);
const wrongOf = (id: string) => [quiz.questions.find((q) => q.id === id)!.choices.find((c) => !c.correct)!.id];

it("takes the statement question wrong, then right: no marks until it is finished, then all of them", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const q = question(page, "dropout-statements");
  await loaded(q); // the questions remount once the learner's state arrives
  await q.scrollIntoViewIfNeeded();
  await expect(q.locator("legend").innerText()).resolves.toContain("Which of the following statements about dropout are true?");
  await expect(q.getByText("Select all that apply.").isVisible()).resolves.toBe(true);
  const check = q.getByRole("button", { name: "Check" });
  await expect(check.isDisabled()).resolves.toBe(true);

  // choiceFeedback: finished — a wrong attempt gets no per-choice marks and no count.
  expect(await answer(page, q, "dropout-statements", ["drop-with-p", "inverted-scaling", "p-is-keep"])).toBe("Not right yet.");
  await expect(q.locator("[data-state]").count()).resolves.toBe(0);
  await expect(q.locator(".choice-rationale").count()).resolves.toBe(0);
  await expect(q.locator(".result-meta").innerText()).resolves.toBe("Score 0% · attempt 1 of 3 · 2 attempts left");

  await q.getByRole("button", { name: "Try again" }).click();
  await expect(q.locator("input:checked").count()).resolves.toBe(0);
  expect(await answer(page, q, "dropout-statements", rightOf("dropout-statements"))).toBe("Correct!");
  await expect(q.locator('[data-state="right"]').count()).resolves.toBe(3);
  await expect(q.locator(".result-explanation").isVisible()).resolves.toBe(true);
  expect(await q.getByRole("button", { name: "Try again" }).count()).toBe(0);
  const order = await q.locator("[data-choice-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-choice-id")));

  // Resume: after a reload the result, the attempts used and the same order are still there.
  await page.reload();
  await q.locator(".result-summary").waitFor();
  await q.scrollIntoViewIfNeeded();
  await expect(q.locator(".result-summary").innerText()).resolves.toBe("Correct!");
  await expect(q.locator(".result-meta").innerText()).resolves.toBe("Score 100% · attempt 2 of 3");
  await expect(q.locator("[data-choice-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-choice-id")))).resolves.toEqual(
    order,
  );
  await expect(q.locator("input:checked").count()).resolves.toBe(3);
  await expect(q.locator("input:checked").first().isDisabled()).resolves.toBe(true);
  await context.close();
});

it("works from the keyboard: Space selects, Enter checks, the result gets focus", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const q = question(page, "eval-twice");
  await loaded(q); // the questions remount once the learner's state arrives
  await q.scrollIntoViewIfNeeded();
  await q.getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown"); // radios: arrows move the selection within the group
  const selected = await q.locator("input:checked").getAttribute("value");
  await q.getByRole("button", { name: "Check" }).focus();
  await page.keyboard.press("Enter");
  await q.locator(".result-summary").waitFor();
  await page.waitForFunction(() => document.activeElement?.className === "question-result"); // focus moved to the result
  const [identical] = await shownIds(page, "eval-twice", ["identical"]);
  await expect(q.locator(".result-summary").innerText()).resolves.toBe(selected === identical ? "Correct!" : "Not quite.");
  await context.close();
});

it("shows the score only once every question is answered, then passes the quiz and shows it in the menu", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  for (const [i, item] of quiz.questions.entries()) {
    const q = question(page, item.id);
    await loaded(q); // the questions remount once the learner's state arrives
    await q.scrollIntoViewIfNeeded();
    await answer(page, q, item.id, rightOf(item.id));
    if (i < quiz.questions.length - 1) await expect(page.locator(".quiz-score").innerText()).resolves.toBe("");
  }
  await page.locator(".quiz-score").getByText("Your quiz score: 100% — passed.").waitFor();
  const menu = page.getByRole("navigation", { name: "Course chapters" });
  await expect(menu.locator('[aria-current="page"]').innerText()).resolves.toContain("★");
  await page.reload();
  await menu.getByText("(quiz passed)").waitFor({ state: "attached" });
  await context.close();
});

it("offers a retake when the pass mark is out of reach: new order, attempts reset, focus on the first choice", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  await expect(page.getByRole("button", { name: "Retake the quiz" }).count()).resolves.toBe(0);
  const failed = quiz.questions.slice(0, 2);
  const before: Record<string, (string | null)[]> = {};
  for (const item of failed) {
    const q = question(page, item.id);
    await loaded(q); // the questions remount once the learner's state arrives
    await q.scrollIntoViewIfNeeded();
    before[item.id] = await q.locator("[data-choice-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-choice-id")));
    for (let attempt = 1; attempt <= item.maxAttempts; attempt++) {
      await answer(page, q, item.id, wrongOf(item.id));
      if (attempt < item.maxAttempts) await q.getByRole("button", { name: "Try again" }).click();
    }
  }
  // 2 of 6 questions lost, their solutions shown (after 3 attempts): this round cannot pass.
  // Said plainly, with a way on.
  await page.getByText("this round cannot record a pass").waitFor();
  await page.getByRole("button", { name: "Retake the quiz" }).click();
  await page.getByText("Round 2").waitFor();
  const firstId = defined(quiz.questions[0], "a first question").id;
  const first = question(page, firstId);
  await page.waitForFunction(
    (id) =>
      document.activeElement?.tagName === "INPUT" && document.activeElement.closest("fieldset")?.getAttribute("data-question-id") === id,
    firstId,
  );
  await expect(
    first
      .locator("input")
      .first()
      .evaluate((el) => el === document.activeElement),
  ).resolves.toBe(true);
  for (const item of failed) {
    const q = question(page, item.id);
    await expect(q.locator(".result-summary").count()).resolves.toBe(0);
    await expect(q.getByRole("button", { name: "Check" }).isVisible()).resolves.toBe(true);
    const after = await q.locator("[data-choice-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-choice-id")));
    expect(after.filter((id) => defined(before[item.id], `the ids of ${item.id} before`).includes(id))).toEqual([]); // new ids (and order) this round
  }
  await expect(page.getByRole("button", { name: "Retake the quiz" }).count()).resolves.toBe(0);
  await expect(page.locator(".quiz-score").innerText()).resolves.toBe("");
  await context.close();
});

it("a stale second tab learns from the server's answer instead of offering a Check that fails", async () => {
  const { page, context } = await newPage(browser());
  const id = "rate-arithmetic";
  await page.goto(DROPOUT);
  const here = question(page, id);
  await loaded(here); // the questions remount once the learner's state arrives
  await here.scrollIntoViewIfNeeded(); // the learner cookie is set: the second tab is the same learner
  const other = await context.newPage();
  await other.goto(DROPOUT);
  const there = question(other, id);
  await loaded(there); // the questions remount once the learner's state arrives
  await there.scrollIntoViewIfNeeded();
  expect(await answer(page, here, id, rightOf(id))).toBe("Correct!");
  // The other tab still offers Check; its answer is refused, and it shows where the learner is.
  await choose(other, there, id, wrongOf(id));
  await there.getByRole("button", { name: "Check" }).click();
  await other.getByText("This quiz now shows your latest answers.").waitFor();
  await expect(there.locator(".result-summary").innerText()).resolves.toBe("Correct!");
  await expect(there.getByRole("button", { name: "Check" }).count()).resolves.toBe(0);
  await context.close();
});

it("sends no answer key to the browser before it submits: not in HTML, RSC payload or JS", async () => {
  const url = new URL(DROPOUT, baseURL());
  const html = await (await fetch(url)).text();
  const rsc = await (await fetch(url, { headers: { RSC: "1" } })).text();
  expect(rsc.length).toBeGreaterThan(1000);
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map(([, src]) => defined(src, "a script's src")))];
  const chunks = await Promise.all(scripts.map(async (src) => (await fetch(new URL(src, baseURL()))).text()));
  const everything = [html, rsc, ...chunks];

  // The page carries the quiz's frame; the questions come per learner. Nothing that tells which choice is right, nor the authoring ids or order of the choices.
  const secrets = quiz.questions.flatMap((q) => [
    q.explanationHtml,
    ...q.choices.map((c) => c.rationaleHtml),
    ...Object.values(q.feedbackHtml ?? {}),
  ]);
  const plain = (h: string) =>
    h
      .replace(/<[^>]+>/g, "")
      .trim()
      .slice(0, 60);
  for (const secret of secrets.filter(Boolean) as string[]) {
    for (const text of everything) expect(text).not.toContain(plain(secret));
  }
  for (const text of [html, rsc]) {
    expect(text).not.toMatch(/\\?"correct\\?":\s*(true|false)/);
    expect(text).not.toMatch(/\\?"fraction\\?":/);
    for (const q of quiz.questions) {
      for (const c of q.choices)
        for (const leak of [`choice-id="${c.id}"`, `"id":"${c.id}"`, `\\"id\\":\\"${c.id}\\"`]) expect(text).not.toContain(leak);
    }
  }
});

it("recovers from a quiz state that failed to load: says so, loads again on request, and keeps attempts and order after an answer", async () => {
  // The network drops the first state request. The questions offer no choices until the
  // learner's state is there: nothing is answered from a made-up state (the old quiz did, and
  // reset attempts to 0 and reshuffled after each answer).
  const { page, context } = await newPage(browser());
  await page.route("**/api/quiz/state**", (route) => route.abort("internetdisconnected"));
  await page.goto(DROPOUT);
  const q = question(page, "dropout-statements");
  const again = page.getByRole("button", { name: "Load the quiz again" });
  await again.waitFor();
  await expect(q.count()).resolves.toBe(0);
  // No blank space held for questions that are not coming.
  await expect(page.locator(".quiz-loading").count()).resolves.toBe(0);

  await page.unroute("**/api/quiz/state**"); // back online
  await lessonSettled(page);
  await again.click();
  await loaded(q);
  await expect(again.count()).resolves.toBe(0);
  const order = () => q.locator("[data-choice-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-choice-id")));
  const before = await order();
  expect(before.length).toBeGreaterThan(2);
  await answer(page, q, "dropout-statements", wrongOf("dropout-statements"));
  await expect(q.locator(".result-meta").innerText()).resolves.toMatch(/attempt 1 of 3/);
  expect(await order()).toEqual(before);
  await q.getByRole("button", { name: "Try again" }).click();
  await expect(q.locator(".result-meta").count()).resolves.toBe(0);
  expect(await order()).toEqual(before);
  await expect(q.getByText(/Attempt 2 of 3/).isVisible()).resolves.toBe(true);
  await context.close();
});

it("holds the quiz's place while the round loads, and a reload resumes the answer", async () => {
  const { page, context } = await newPage(browser());
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/quiz/state**", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(DROPOUT);
  await page.getByText("Loading your questions…").waitFor();
  const q = question(page, "dropout-statements");
  expect(await q.count()).toBe(0);
  release();
  await loaded(q);
  expect(await q.locator("[data-choice-id]").count()).toBeGreaterThan(2);
  await expect(page.getByText("Loading your questions…").count()).resolves.toBe(0);

  await page.unroute("**/api/quiz/state**");
  await answer(page, q, "dropout-statements", wrongOf("dropout-statements"));
  const summary = await q.locator(".result-summary").innerText();
  await page.reload();
  await loaded(q);
  await q.locator(".result-summary").waitFor();
  await expect(q.locator(".result-summary").innerText()).resolves.toBe(summary);
  const [wrong] = await shownIds(page, "dropout-statements", wrongOf("dropout-statements"));
  await expect(q.locator(`[data-choice-id="${wrong}"] input`).isChecked()).resolves.toBe(true);
  await expect(q.getByRole("button", { name: "Try again: question 1" }).isVisible()).resolves.toBe(true);
  await context.close();
});
