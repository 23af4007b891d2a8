// A cell's Stop in real Chromium stops that cell's run, whatever state it is in: running, waiting
// for the runner to start (the first Run on a page, while tfjs loads), or queued behind another
// cell's run. A stopped run that had not started never starts later.
import { cellAt, cellOutput, DROPOUT, editCell, newPage, openPage, runCell, runnerWarm, useBrowser } from "./browser";

const browser = useBrowser();

it("stops a run that is still waiting for the runner to start; it never runs later", async () => {
  const { page, context } = await newPage(browser());
  // Hold the runner's frame back: the runner stays "starting" until the test lets it load.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/runner/frame.html", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(DROPOUT);
  const c = cellAt(page, "train-vs-eval");
  await editCell(c, 'console.log("first run", 6 * 7);');
  await c.getByRole("button", { name: "Run" }).click();
  await c.getByRole("status").filter({ hasText: "Starting TensorFlow.js" }).waitFor();
  await c.getByRole("button", { name: "Stop" }).click();
  await cellOutput(c).getByText("Stopped before it started.").waitFor({ timeout: 5_000 });
  expect(await c.getByRole("button", { name: "Run" }).isEnabled()).toBe(true);

  // The runner starts now; the stopped run must not run on it.
  release();
  await runnerWarm(page);
  await page.waitForTimeout(500);
  expect(await cellOutput(c).innerText()).not.toContain("first run");
  await editCell(c, 'console.log("second run", 6 * 7);');
  const text = await runCell(c);
  expect(text).toContain("second run 42");
  expect(text).not.toContain("first run");
  await context.close();
}, 120_000);

it("Stop in a cell queued behind another cell's run stops that cell only", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const a = cellAt(page, "train-vs-eval");
  const b = cellAt(page, "inverted-dropout");
  await editCell(a, 'console.log("A waiting");\nawait new Promise((r) => setTimeout(r, 30_000));\nconsole.log("A done");');
  await editCell(b, 'console.log("B ran");');
  await a.scrollIntoViewIfNeeded();
  await a.getByRole("button", { name: "Run" }).click();
  await cellOutput(a).getByText("A waiting").waitFor({ timeout: 60_000 });

  await b.scrollIntoViewIfNeeded();
  await b.getByRole("button", { name: "Run" }).click();
  await b.getByRole("status").filter({ hasText: "Waiting for the cell that is running to finish" }).waitFor();
  await b.getByRole("button", { name: "Stop" }).click();
  await cellOutput(b).getByText("Stopped before it started.").waitFor({ timeout: 5_000 });
  expect(await b.getByRole("button", { name: "Run" }).isEnabled()).toBe(true);
  // A still runs.
  expect(await a.getByRole("button", { name: "Stop" }).isEnabled()).toBe(true);
  expect(await cellOutput(a).innerText()).not.toContain("Stopped");

  await a.getByRole("button", { name: "Stop" }).click();
  await cellOutput(a)
    .getByText(/^Stopped after \d+\.\d s\.$/)
    .waitFor({ timeout: 5_000 });
  // B's stopped run never runs, not even after A has ended; B's next Run does.
  await page.waitForTimeout(1_000);
  expect(await cellOutput(b).innerText()).not.toContain("B ran");
  expect(await runCell(b)).toContain("B ran");
  await context.close();
}, 120_000);
