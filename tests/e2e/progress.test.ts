// Marking a chapter as read: saved on the server for the anonymous learner, ticked in the menu.
import { DROPOUT, openPage, useBrowser } from "./browser";

const browser = useBrowser();

it("marks the chapter as read, shows a tick in the menu, and remembers it after a reload", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const menu = page.getByRole("navigation", { name: "Course chapters" });
  const current = menu.locator('[aria-current="page"]');
  await expect(current.textContent()).resolves.not.toContain("(read)");

  await page.getByRole("button", { name: "Mark chapter as read" }).click();
  await page.getByRole("button", { name: "✓ Marked as read" }).waitFor();
  await expect(current.textContent()).resolves.toContain("(read)");

  const cookie = (await context.cookies()).find((c) => c.name === "lbr_learner")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("lbr_learner");

  await page.reload();
  await page.getByRole("button", { name: "✓ Marked as read" }).waitFor();
  await expect(menu.locator('[aria-current="page"]').textContent()).resolves.toContain("(read)");
  // Only the chapter that was marked is ticked.
  expect(await menu.getByText("(read)").count()).toBe(1);
  await context.close();
});

it("a different browser (new learner) starts with nothing read", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  await page.getByRole("button", { name: "Mark chapter as read" }).waitFor();
  expect(await page.getByText("(read)").count()).toBe(0);
  await context.close();
});
