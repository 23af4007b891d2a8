// Every chapter of the course in real Chromium: its first code cell runs on WebGL to the end
// (drawing its charts, freeing its tensors) and its quiz is graded by the server, wrong then right.
import path from "node:path";
import { lessonCells } from "../support/lesson-cells";
import { chaptersInOrder, loadCourses } from "@/lib/content/load";
import { defined } from "@/lib/invariant";
import { loadQuiz, type LoadedChoiceQuestion } from "@/lib/quiz/quiz.server";
import { ROOT } from "../support/paths";
import type { Page } from "playwright-core";
import { cellAt, openPage, runCell, useBrowser } from "./browser";

const chapters = loadCourses(path.join(ROOT, "content")).flatMap((course) => chaptersInOrder(course));
const browser = useBrowser();

type RoundState = { order: string[]; questions: Record<string, { choices?: { id: string; html: string }[] }> };

/** This page's learner's round, as the server gave it. */
const roundOf = (page: Page, chapterId: string) =>
  page.evaluate(
    async (id) => (await fetch(`/api/quiz/state?chapterId=${encodeURIComponent(id)}`)).json(),
    chapterId,
  ) as Promise<RoundState>;

it("covers every chapter, and every chapter has a cell and a quiz", () => {
  expect(chapters.length).toBeGreaterThanOrEqual(8);
  for (const chapter of chapters) {
    expect([chapter.slug, lessonCells(chapter.file).length > 0]).toEqual([chapter.slug, true]);
    expect([chapter.slug, loadQuiz(chapter) !== null]).toEqual([chapter.slug, true]);
  }
});

it.each(chapters.map((c) => [c.slug, c] as const))(
  "%s: the first cell runs on WebGL and the quiz grades",
  async (_slug, chapter) => {
    const { page, context } = await openPage(browser(), chapter.href);

    const first = lessonCells(chapter.file)[0]!;
    const cell = cellAt(page, first.id);
    const output = await runCell(cell, 100_000);
    expect(output).toMatch(/Finished in \d+ ms on webgl/);
    await expect(cell.locator(".cell-error").count()).resolves.toBe(0);
    // Every lesson cell frees what it makes: the habit the lesson teaches.
    expect(output).not.toContain("undisposed");
    if (/show\.(line|scatter|heatmap|table)\(/.test(first.code)) {
      await cell.locator(".cell-charts > *").first().waitFor();
    }

    // The quiz: a wrong answer is marked wrong by the server, then the right one is accepted. The
    // learner's round is drawn from the bank: take its first question with choices.
    const quiz = loadQuiz(chapter)!;
    let round = await roundOf(page, chapter.id);
    // A bank's round may hold no choice question (1 in 84 for a draw of 6): a new learner draws anew.
    for (let tries = 0; tries < 10 && !round.order.some((id) => round.questions[id]?.choices); tries++) {
      await context.clearCookies();
      await page.reload({ waitUntil: "networkidle" });
      round = await roundOf(page, chapter.id);
    }
    const questionId = defined(
      round.order.find((id) => round.questions[id]?.choices),
      `a choice question in the round of ${chapter.slug}`,
    );
    const question = quiz.questions.find((x): x is LoadedChoiceQuestion => x.id === questionId && x.kind === "choice")!;
    const shown = round.questions[questionId]!.choices!;
    const shownId = (authoring: string) => shown.find((c) => c.html === question.choices.find((x) => x.id === authoring)!.html)!.id;
    const q = page.locator(`[data-question-id="${question.id}"]`);
    await q.scrollIntoViewIfNeeded();
    const check = q.getByRole("button", { name: /^Check/ });
    await check.waitFor();
    await q.locator(`[data-choice-id="${shownId(question.choices.find((c) => !c.correct)!.id)}"] input`).check();
    await check.click();
    await q.locator(".result-summary").waitFor();
    expect(await q.locator(".result-summary").innerText()).not.toMatch(/^Correct!/);

    await q.getByRole("button", { name: /^Try again/ }).click();
    for (const c of question.choices.filter((c) => c.correct)) await q.locator(`[data-choice-id="${shownId(c.id)}"] input`).check();
    await check.click();
    await q
      .locator(".result-summary")
      .getByText(/^Correct!/)
      .waitFor();
    await context.close();
  },
  180_000,
);
