// The Ask AI panel in real Chromium (no model configured: answers from the course text).
import type { Locator } from "playwright-core";
import { DROPOUT, editCell, openPage, useBrowser } from "./browser";

const browser = useBrowser();

it("opens from its button, answers a suggested prompt with working section links, and clears the conversation", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const panel = page.getByRole("complementary", { name: "Ask AI" });
  await expect(panel.isVisible()).resolves.toBe(false); // collapsed by default
  await page.getByRole("button", { name: "Ask AI" }).click();
  await panel.getByText("Answers come from the course text").waitFor();
  await panel.getByRole("button", { name: "How do I choose the right dropout probability for my model?" }).click();
  const link = panel.locator(".ask-part-source a").first();
  await link.waitFor();
  await expect(link.innerText()).resolves.toBe("Choosing the dropout rate");
  expect(await panel.locator("blockquote").count()).toBeGreaterThan(0);

  await link.click();
  await page.waitForURL((url) => url.hash === "#choosing-the-dropout-rate");
  const inView = await page.evaluate(() => {
    const r = document.getElementById("choosing-the-dropout-rate")!.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  expect(inView).toBe(true);

  // Quoted math is typeset, not flattened ("hi' = di hi").
  await panel.getByLabel("Your question").fill("What is the variance of a unit after dropout?");
  await page.keyboard.press("Enter");
  await panel.locator(".ask-exchange").nth(1).locator("blockquote .katex").first().waitFor();
  const formula = await panel.locator(".ask-exchange").nth(1).locator("blockquote .katex-mathml annotation").allTextContents();
  expect(formula.join(" ")).toContain("\\operatorname{Var}[h_i']");

  // Something the course does not cover: it says so and offers questions it can answer.
  await panel.getByLabel("Your question").fill("What is the capital of France?");
  await page.keyboard.press("Enter");
  await panel.getByText("The course does not cover this").waitFor();
  expect(await panel.locator(".ask-not-covered .ask-suggestion").count()).toBe(3);

  await panel.getByRole("button", { name: "Clear conversation" }).click();
  expect(await panel.locator(".ask-exchange").count()).toBe(0);
  await page.keyboard.press("Escape");
  await expect(panel.isVisible()).resolves.toBe(false);
  await context.close();
});

it("asks about a failing cell's error, showing the attached code and error before sending", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const cell = page.locator('[data-cell-id="train-vs-eval"]');
  await editCell(cell, 'import { DropoutMLP } from "course/dropout";\nconst model = new DropoutMLP(20, 64, 10, 1.5);');
  await cell.getByRole("button", { name: "Run" }).click();
  await cell.getByRole("button", { name: "Ask AI about this error" }).click();

  const panel = page.getByRole("complementary", { name: "Ask AI" });
  await panel.getByText("Attached: the code of “Train mode vs eval mode” and its error").waitFor();
  await expect(panel.locator(".ask-attachment-error").innerText()).resolves.toMatch(
    /Line 2:\d+: RangeError: dropout rate must be a number in \[0, 1\)/,
  );
  await expect(panel.getByLabel("Your question").inputValue()).resolves.toBe("Why does this code fail, and how do I fix it?");

  const sent = page.waitForRequest((r) => r.url().endsWith("/api/ask") && r.method() === "POST");
  await panel.getByRole("button", { name: "Ask", exact: true }).click();
  const body = (await sent).postDataJSON() as { attachment: { code: string; error: string } };
  expect(body.attachment.error).toMatch(/dropout rate must be a number/);
  expect(body.attachment.code).toContain("new DropoutMLP(20, 64, 10, 1.5)");
  await panel.getByText("With the code of “Train mode vs eval mode” and its error.").waitFor();
  await panel.locator(".ask-part, .ask-not-covered").first().waitFor();
  await context.close();
});

it("answers a tfjs shape error with the course's help on shape mismatches", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const cell = page.locator('[data-cell-id="train-vs-eval"]');
  await editCell(
    cell,
    'import * as tf from "@tensorflow/tfjs";\nconst a = tf.ones([2, 3]);\nconst b = tf.ones([4, 5]);\ntf.matMul(a, b).print();',
  );
  await cell.getByRole("button", { name: "Run" }).click();
  await cell.getByRole("button", { name: "Ask AI about this error" }).click();
  const panel = page.getByRole("complementary", { name: "Ask AI" });
  await panel.locator(".ask-attachment-error").waitFor();
  await panel.getByRole("button", { name: "Ask", exact: true }).click();
  const link = panel.locator(".ask-part-source a").first();
  await link.waitFor();
  await expect(link.innerText()).resolves.toBe("When a cell fails: four common TensorFlow.js errors");
  await expect(panel.locator(".ask-part").first().locator("blockquote").first().innerText()).resolves.toMatch(/matMul/);
  await context.close();
});

/** Whether the exchange's top is inside the visible part of the conversation log (waiting up to 2 s for it). */
async function startsInView(log: Locator, exchange: Locator): Promise<boolean> {
  for (const end = Date.now() + 2_000; ; await new Promise((r) => setTimeout(r, 50))) {
    const [l, x] = await Promise.all([log.boundingBox(), exchange.boundingBox()]);
    if (l && x && x.y >= l.y - 1 && x.y < l.y + l.height - 20) return true;
    if (Date.now() > end) return false;
  }
}

it("scrolls to each new answer, keeps the conversation per chapter across a reload, and clears it", async () => {
  const { page, context } = await openPage(browser(), DROPOUT, { reducedMotion: "reduce" });
  await page.getByRole("button", { name: "Ask AI" }).click();
  const panel = page.getByRole("complementary", { name: "Ask AI" });
  const log = panel.getByRole("log", { name: "Conversation" });
  const questions = [
    "How do I choose the right dropout probability for my model?",
    "What is the variance of a unit after dropout?",
    "My cell says 200 tensors were left undisposed. What do I do?",
  ];
  for (const [i, question] of questions.entries()) {
    await panel.getByLabel("Your question").fill(question);
    await page.keyboard.press("Enter");
    const exchange = panel.locator(".ask-exchange").nth(i);
    await exchange.locator(".ask-part, .ask-not-covered").first().waitFor();
    // The answer that arrived is brought into view (the earlier ones are taller than the log).
    await expect(startsInView(log, exchange)).resolves.toBe(true);
  }
  expect(await log.evaluate((el) => el.scrollHeight > el.clientHeight && el.scrollTop > 0)).toBe(true);
  // The runner's status line is answered from the help page, with a link to its section.
  const helpLink = panel.locator(".ask-exchange").nth(2).locator(".ask-part-source a").first();
  await expect(helpLink.getAttribute("href")).resolves.toBe("/help/runner-messages#tensors-left-undisposed");

  // After a reload the chapter's conversation is back, latest exchange in view.
  await page.reload();
  await page.getByRole("button", { name: "Ask AI" }).click();
  await panel
    .locator(".ask-exchange")
    .nth(questions.length - 1)
    .waitFor();
  await expect(panel.locator(".ask-question").allInnerTexts()).resolves.toEqual(questions);
  await expect(startsInView(log, panel.locator(".ask-exchange").last())).resolves.toBe(true);

  // Another chapter has its own (empty) conversation.
  const other = page.url().replace(/\/dropout$/, "/batch-normalization");
  await page.goto(other);
  await page.getByRole("button", { name: "Ask AI" }).click();
  await panel.getByText("Ask anything about this chapter").waitFor();
  expect(await panel.locator(".ask-exchange").count()).toBe(0);

  // Cleared, it stays cleared.
  await page.goto(DROPOUT);
  await page.getByRole("button", { name: "Ask AI" }).click();
  await panel.locator(".ask-exchange").first().waitFor();
  await panel.getByRole("button", { name: "Clear conversation" }).click();
  expect(await panel.locator(".ask-exchange").count()).toBe(0);
  await page.reload();
  await page.getByRole("button", { name: "Ask AI" }).click();
  await panel.getByText("Ask anything about this chapter").waitFor();
  expect(await panel.locator(".ask-exchange").count()).toBe(0);
  await context.close();
});

it("shows the runner's messages on the help page, each at the anchor Ask AI links to", async () => {
  const { page, context } = await openPage(browser(), "/help/runner-messages#tensors-left-undisposed");
  await page.getByRole("heading", { level: 1, name: "Messages from the code runner and the exercise checks" }).waitFor();
  const heading = page.locator("h3#tensors-left-undisposed");
  await expect(heading.innerText()).resolves.toBe("Tensors left undisposed");
  const inView = await heading.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  expect(inView).toBe(true);
  await context.close();
});
