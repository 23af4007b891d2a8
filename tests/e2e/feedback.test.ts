// The feedback widget and the authors' report in real Chromium.
import path from "node:path";
import { chaptersInOrder, loadCoursesFrom } from "@/lib/content/load";
import { loadQuiz } from "@/lib/quiz/quiz.server";
import { TEST_CONTENT_DIRS } from "../support/content-dirs";
import { createAccount } from "../support/accounts-http";
import { E2E_AUTHOR_TOKEN, ROOT } from "../support/paths";
import { baseURL, DROPOUT, openPage, useBrowser } from "./browser";

const XSS = '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"> [click](javascript:alert(1))';

const browser = useBrowser();

it("votes No, writes a comment with the counter, sees the thanks, and can change the vote", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const widget = page.getByRole("region", { name: "Everything was clear?" });
  await widget.scrollIntoViewIfNeeded();
  await widget.getByRole("button", { name: "No" }).click();
  const comment = widget.getByLabel("How can we improve it?");
  await comment.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "TEXTAREA"); // focus moved to the comment
  await comment.fill(XSS);
  await expect(widget.getByText(`${XSS.length} / 2000`).isVisible()).resolves.toBe(true);
  await widget.getByRole("button", { name: "Send" }).click();
  await widget.getByText("Thanks for your feedback!").waitFor();
  await expect(widget.getByRole("button", { name: "No" }).getAttribute("aria-pressed")).resolves.toBe("true");

  await page.reload();
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('button[aria-pressed="true"]', { hasText: "No" }).waitFor(); // loaded from the server
  await widget.getByRole("button", { name: "Yes" }).click();
  await expect(widget.getByLabel("How can we improve it?").inputValue()).resolves.toBe(XSS);
  await widget.getByRole("button", { name: "Skip" }).click();
  await widget.getByText("Thanks for your feedback!").waitFor();
  await expect(widget.getByRole("button", { name: "Yes" }).getAttribute("aria-pressed")).resolves.toBe("true");
  await context.close();
});

it("shows authors nothing without the token: 404 for the report and the exports", async () => {
  for (const path of ["/authors", "/authors/feedback.csv", "/authors/attempts.csv"]) {
    const response = await fetch(new URL(path, baseURL()));
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain("Everything was clear");
    expect(body).not.toContain("javascript:alert");
  }
  const wrongBearer = await fetch(new URL("/authors/feedback.csv", baseURL()), { headers: { authorization: "Bearer not-the-token" } });
  expect(wrongBearer.status).toBe(404);
});

it("signs an author in; the report shows the vote and the comment as inert text; CSVs download", async () => {
  // A learner leaves feedback first.
  const learner = await openPage(browser(), DROPOUT);
  const widget = learner.page.getByRole("region", { name: "Everything was clear?" });
  await widget.getByRole("button", { name: "No" }).click();
  await widget.getByLabel("How can we improve it?").fill(XSS);
  await widget.getByRole("button", { name: "Send" }).click();
  await widget.getByText("Thanks for your feedback!").waitFor();
  await learner.context.close();

  // An author is an account: signed in (a passkey, made over HTTP here), then the token once.
  const { page, context } = await openPage(browser(), "/", { acceptDownloads: true });
  const { cookie: account } = await createAccount(baseURL(), "Ada");
  await context.addCookies([{ name: "lbr_session", value: account.split("=")[1]!, url: baseURL() }]);
  await page.goto("/authors/sign-in");
  await page.getByLabel("Author token").fill("wrong-token-wrong-token");
  await page.getByRole("button", { name: "Continue as an author" }).click();
  await page.getByRole("alert").getByText("That token is not right.").waitFor();
  expect((await page.goto("/authors"))?.status()).toBe(404);

  await page.goto("/authors/sign-in");
  await page.getByLabel("Author token").fill(E2E_AUTHOR_TOKEN);
  await page.getByRole("button", { name: "Continue as an author" }).click();
  await page.waitForURL((url) => url.pathname === "/authors");
  await page.getByRole("heading", { name: "Authors' report" }).waitFor();
  await page.getByText("Signed in as Ada").waitFor();
  const cookie = (await context.cookies()).find((c) => c.name === "lbr_session")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.value).not.toContain(E2E_AUTHOR_TOKEN);
  expect(`lbr_session=${cookie.value}`).not.toBe(account); // a new session for the new privilege

  const row = page.getByRole("row", { name: /Dropout: Theory and Implementation/ }).first();
  await expect(row.innerText()).resolves.toMatch(/\(current\)/);
  // The comment is shown as text: no script ran, no image or link element was created from it.
  await expect(page.locator(".comment-text").filter({ hasText: "window.__pwned" }).first().innerText()).resolves.toBe(XSS);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(await page.locator(".comments img, .comments a, .comments script").count()).toBe(0);
  // Quiz statistics are listed per question.
  await page.getByRole("heading", { name: "Quiz questions" }).waitFor();
  // One entry per quiz question of every chapter the tests' app serves (the fixture courses too).
  const questions = loadCoursesFrom(TEST_CONTENT_DIRS.split(",").map((dir) => path.join(ROOT, dir)))
    .flatMap((c) => chaptersInOrder(c))
    .reduce((n, ch) => n + (loadQuiz(ch)?.questions.length ?? 0), 0);
  expect(await page.locator(".question-stats").count()).toBe(questions);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "feedback (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe("feedback.csv");
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const [header, ...rows] = csv.trim().split("\r\n");
  expect(header).toBe('"chapter","revision","learner","clear","comment","created_at","updated_at"');
  expect(rows.some((r) => r.includes("window.__pwned") && r.includes(',"no",'))).toBe(true);

  const attempts = await fetch(new URL("/authors/attempts.csv", baseURL()), { headers: { authorization: `Bearer ${E2E_AUTHOR_TOKEN}` } });
  expect(attempts.status).toBe(200);
  expect((await attempts.text()).split("\r\n")[0]).toBe(
    '"chapter","question","quiz_revision","learner","round","attempt","selected","shown_order","score","correct","created_at"',
  );

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/authors/sign-in");
  expect((await page.goto("/authors"))?.status()).toBe(404);
  await context.close();
});
