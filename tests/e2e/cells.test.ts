// Code cells in real Chromium: every lesson cell runs on WebGL, edits persist, loops are stopped,
// errors point at the learner's line, and learner code cannot reach the app.
import Database from "better-sqlite3";
import { cellAt as cell, cellOutput as output, DROPOUT, e2eDatabase, editCell as edit, newPage, runCell as run, useBrowser } from "./browser";

const browser = useBrowser();


const number = (text: string, label: string) => Number(new RegExp(`${label}\\s*([-\\d.]+)`).exec(text)?.[1]);

it("runs every cell of the Dropout lesson on WebGL with the expected results", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);

  const trainEval = await run(cell(page, "train-vs-eval"));
  expect(trainEval).toContain("train mode, two passes identical? false");
  expect(trainEval).toContain("eval mode, two passes identical? true");
  expect(trainEval).toContain("Tensor float32 [5, 10]");
  expect(trainEval).toMatch(/Finished in \d+ ms on webgl/);

  const inverted = await run(cell(page, "inverted-dropout"));
  expect(Math.abs(number(inverted, "fraction zeroed:") - 0.3)).toBeLessThan(0.01);
  const keptRange = /kept values, min and max: ([\d.]+) ([\d.]+)/.exec(inverted)!;
  expect(Number(keptRange[1])).toBeCloseTo(1 / 0.7, 3);
  expect(Number(keptRange[2])).toBeCloseTo(1 / 0.7, 3);
  expect(Math.abs(number(inverted, "mean of the output:") - 1)).toBeLessThan(0.01);
  expect(inverted).toContain("inference returns the input unchanged: true");

  const scratch = cell(page, "from-scratch");
  const first = await run(scratch);
  expect(Math.abs(number(first, "share zeroed  ours:") - 0.5)).toBeLessThan(0.02);
  expect(first).toMatch(/kept value\s+ours: 2\s+tf\.layers\.dropout: 2/);
  // The cell has a seed: a second run draws exactly the same masks.
  const second = await run(scratch);
  const withoutTiming = (t: string) => t.replace(/Finished in \d+ ms/, "");
  expect(withoutTiming(second)).toBe(withoutTiming(first));

  const exercise = cell(page, "exercise");
  expect(await run(exercise)).toContain("Not yet");
  await edit(
    exercise,
    [
      'import * as tf from "@tensorflow/tfjs";',
      'import { reportDropoutCheck } from "course/dropout";',
      "function dropout(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {",
      "  if (!training) return x;",
      '  const mask = tf.randomUniform(x.shape).less(1 - rate).cast("float32");',
      "  return x.mul(mask).div(1 - rate);",
      "}",
      "await reportDropoutCheck(dropout);",
    ].join("\n"),
  );
  const solved = await run(exercise);
  expect(solved).toContain("Correct! Your dropout matches inverted dropout.");
  expect(solved).not.toContain("✗");

  // Progress: the server recorded every cell this learner ran.
  const learner = (await context.cookies()).find((c) => c.name === "lbr_learner")!.value.split(".")[0]; // "<id>.<signature>"
  const db = new Database(e2eDatabase(), { readonly: true });
  let cells: string[] = [];
  for (let i = 0; i < 20 && cells.length < 4; i++) {
    const row = db.prepare('SELECT "cellsRun" FROM "ChapterProgress" WHERE "learnerId" = ?').get(learner) as { cellsRun: string } | undefined;
    cells = row ? (JSON.parse(row.cellsRun) as string[]) : [];
    if (cells.length < 4) await page.waitForTimeout(100);
  }
  db.close();
  expect(cells).toEqual(["exercise", "from-scratch", "inverted-dropout", "train-vs-eval"]);
  await context.close();
});

it("keeps edits across a reload, never runs them on load, and Reset restores the original", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);
  const c = cell(page, "inverted-dropout");
  await c.scrollIntoViewIfNeeded();
  const original = await c.locator(".cm-content").innerText();
  await edit(c, "while (true) {}\n// saved by the learner");
  await page.reload();
  await c.scrollIntoViewIfNeeded();
  await c.getByText("Your edits from last time are restored").waitFor();
  await expect(c.locator(".cm-content").innerText()).resolves.toContain("saved by the learner");
  // Nothing ran: the page is responsive and the output is empty.
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(await output(c).innerText()).toBe("");

  await c.getByRole("button", { name: "Reset" }).click();
  await expect(c.locator(".cm-content").innerText()).resolves.toContain("const rate = 0.3;");
  expect(await c.locator(".cm-content").innerText()).toBe(original);
  await page.reload();
  await c.scrollIntoViewIfNeeded();
  await c.locator(".cm-content").waitFor();
  await expect(c.locator(".cm-content").innerText()).resolves.not.toContain("saved by the learner");
  await context.close();
});

it("stops an infinite loop with Stop while the page stays responsive, then runs again", async () => {
  const { page, context } = await newPage(browser(), { viewport: { width: 390, height: 844 } });
  await page.goto(DROPOUT);
  const c = cell(page, "train-vs-eval");
  await edit(c, 'console.log("looping");\nwhile (true) {}');
  await c.getByRole("button", { name: "Run" }).click();
  await output(c).getByText("looping").waitFor();
  await expect(c.getByRole("button", { name: "Stop" }).isEnabled()).resolves.toBe(true);

  // The page is not frozen: the chapter menu opens while the loop spins.
  const toggle = page.getByRole("button", { name: "Chapters" });
  await toggle.click({ timeout: 2_000 });
  await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("true");
  await toggle.click();

  await c.getByRole("button", { name: "Stop" }).click();
  await output(c).getByText(/Stopped after \d+\.\d s\./).waitFor();
  await expect(c.getByRole("button", { name: "Run" }).isEnabled()).resolves.toBe(true);

  await edit(c, 'console.log("fresh worker", 6 * 7);');
  expect(await run(c)).toContain("fresh worker 42");
  await context.close();
});

it("stops a runaway cell at its time budget", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);
  const c = cell(page, "inverted-dropout");
  await edit(c, "while (true) {}");
  const started = Date.now();
  const text = await run(c, 25_000);
  expect(text).toContain("Stopped: the cell ran longer than its 10 s time budget.");
  expect(Date.now() - started).toBeGreaterThanOrEqual(9_500);
  await context.close();
}, 40_000);

it("points syntax and runtime errors at the learner's TypeScript line, and reports unhandled rejections", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);
  const c = cell(page, "inverted-dropout");

  await edit(c, "const rate: number = 0.3;\n\nconst y = (rate +;\n");
  expect(await run(c)).toMatch(/Line 3:\d+: SyntaxError: Unexpected token/);

  await edit(c, 'type Model = { forward?: () => void };\nconst m: Model = {};\nconsole.log("before");\nm.forward!();\n');
  const runtime = await run(c);
  expect(runtime).toMatch(/before[\s\S]*Line 4:\d+: TypeError: m\.forward is not a function/);
  await c.getByRole("button", { name: "Go to line 4" }).click();
  await expect(page.evaluate(() => document.getSelection()?.toString())).resolves.toBe("m.forward!();");

  await edit(c, 'Promise.reject(new Error("nobody awaited me"));\nawait new Promise((r) => setTimeout(r, 50));\nconsole.log("done");');
  expect(await run(c)).toMatch(/Unhandled promise rejection: Line 1:\d+: Error: nobody awaited me/);

  await edit(c, 'import { pad } from "left-pad";\nconsole.log(pad);');
  expect(await run(c)).toContain('Cannot import "left-pad": cells can import "@tensorflow/tfjs" and "course/dropout"');
  await context.close();
});

it("keeps learner code away from the app's cookies, storage, DOM and API", async () => {
  const { page, context } = await newPage(browser());
  await page.goto(DROPOUT);
  await page.evaluate(() => {
    document.cookie = "visible_to_page=top-secret; path=/";
    localStorage.setItem("app-secret", "top-secret");
  });
  await page.getByRole("button", { name: "Mark chapter as read" }).click(); // sets the learner cookie
  await page.getByRole("button", { name: "✓ Marked as read" }).waitFor();
  const c = cell(page, "inverted-dropout");
  await edit(
    c,
    [
      "const g = globalThis as any;",
      'try { console.log("cookie:", g.document.cookie); } catch (e) { console.log("cookie blocked:", (e as Error).name); }',
      'try { console.log("storage:", g.localStorage.getItem("app-secret")); } catch (e) { console.log("storage blocked:", (e as Error).name); }',
      'try { console.log("parent:", g.parent.document.title); } catch (e) { console.log("dom blocked:", (e as Error).name); }',
      `const api = ${JSON.stringify(new URL("/api/progress", page.url()).href)};`,
      'try { const r = await fetch(api, { credentials: "include" }); console.log("api:", r.status, await r.text()); }',
      'catch (e) { console.log("api blocked:", (e as Error).message); }',
      'try { const r = await fetch(api, { method: "POST", credentials: "include", body: "{}" }); console.log("post:", r.status); }',
      'catch (e) { console.log("post blocked:", (e as Error).message); }',
    ].join("\n"),
  );
  const text = await run(c);
  expect(text).toContain("cookie blocked: TypeError");
  expect(text).toContain("storage blocked: TypeError");
  expect(text).toContain("dom blocked: TypeError");
  expect(text).toContain("api blocked: Failed to fetch");
  expect(text).toContain("post blocked: Failed to fetch");
  expect(text).not.toContain("top-secret");
  expect(text).not.toContain("chapters");
  await context.close();
});

it.each(["wasm", "cpu"])("runs on the %s backend when asked to (the fallbacks after WebGL)", async (backend) => {
  const { page, context } = await newPage(browser());
  await page.goto(`${DROPOUT}?runner-backend=${backend}`);
  const text = await run(cell(page, "train-vs-eval"));
  expect(text).toContain("eval mode, two passes identical? true");
  expect(text).toMatch(new RegExp(`Finished in \\d+ ms on ${backend}`));
  await context.close();
});

it("loads no TensorFlow.js and no editor until a cell is near the viewport", async () => {
  const { page, context } = await newPage(browser());
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(DROPOUT);
  await page.waitForLoadState("networkidle");
  expect(requested.filter((u) => u.includes("/runner/"))).toEqual([]);
  expect(await page.locator(".cm-editor").count()).toBe(0);
  const tfjsLoaded = page.waitForResponse((r) => r.url().endsWith("/runner/tf.min.js"));
  await cell(page, "train-vs-eval").scrollIntoViewIfNeeded();
  await page.locator(".cm-editor").first().waitFor();
  await tfjsLoaded;
  await context.close();
});
