// The dropout lab in headless Chromium: the default experiment's full run (both models) on each
// backend the lab worker can use, the longest main-thread task while it trains, the Monte Carlo
// dropout demo's run, and the lesson's first-load JS (the lab must load lazily).
//   node bench/lab.mjs [repeats]
// @ts-check
import { launchChromium } from "./browser.mjs";
import { gzipSync } from "node:zlib";
import { moduleScripts } from "./html.mjs";
import { startServer } from "./server.mjs";

const LESSON = "/courses/optimization-regularization/regularization-techniques/dropout";
const MC = "/courses/optimization-regularization/regularization-techniques/monte-carlo-dropout";
const REPEATS = Number(process.argv[2] ?? 3);
/** @param {number} ms */
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Starts observing long tasks on the page (before the click that starts the work).
 * @param {import("playwright-core").Page} page
 */
const observeLongTasks = (page) =>
  page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
  });

/**
 * Runs the experiment once in a fresh page: wall time from click to "Finished", longest task.
 * @param {import("playwright-core").Browser} browser
 * @param {string} baseURL
 * @param {string} backend  "" for the lab's default
 */
async function experimentRun(browser, baseURL, backend) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseURL + LESSON + (backend ? `?lab-backend=${backend}` : ""));
  // The figure's interactive part loads when the reader comes near its static slot.
  await page.locator('[data-lab-slot="experiment"]').scrollIntoViewIfNeeded();
  const lab = page.locator('[data-lab="experiment"]');
  await lab.getByRole("button", { name: /Run the experiment/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000); // the learner reads the intro while the worker warms up
  await observeLongTasks(page);
  const t0 = Date.now();
  await lab.getByRole("button", { name: /Run the experiment/ }).click();
  // Poll once a second: Playwright's text waits would add main-thread work of their own.
  await page.waitForFunction(
    () => /^(Finished|The experiment failed)/.test(document.querySelector('[data-lab="experiment"] .lab-status')?.textContent ?? ""),
    undefined,
    { polling: 1000, timeout: 180_000 },
  );
  const wall = Date.now() - t0;
  const status = await lab.locator(".lab-status").innerText();
  const reported = Number(/in ([\d.]+) s/.exec(status)?.[1]) * 1000;
  const used = /\((\w+) backend/.exec(status)?.[1];
  await page.waitForTimeout(300); // last redraw
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  await context.close();
  return { wall, reported, used, longest };
}

const server = await startServer();
const browser = await launchChromium();
try {
  console.log("Dropout lab benchmark (headless Chromium, production build, this machine)");
  console.log(
    `  machine load average at start: ${(await import("node:os"))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  for (const backend of ["wasm", "cpu", "webgl"]) {
    const runs = [];
    for (let i = 0; i < (backend === "wasm" ? REPEATS : 1); i++)
      runs.push(await experimentRun(browser, server.baseURL, backend === "wasm" ? "" : backend));
    const best = Math.min(...runs.map((r) => r.wall));
    const longest = Math.max(...runs.map((r) => r.longest));
    const label = backend === "wasm" ? "default (wasm)" : backend;
    console.log(
      `  experiment, ${label.padEnd(15)} click → Finished ${runs.map((r) => s(r.wall)).join(", ")} (worker's own time ${runs.map((r) => s(r.reported)).join(", ")}; backend ${runs[0]?.used})` +
        (backend === "wasm" ? `   target ≤ 5 s: ${best <= 5000 ? "MET" : "MISSED"}` : ""),
    );
    console.log(
      `  ${"".padEnd(28)}longest main-thread task ${longest.toFixed(0)} ms   target ≤ 50 ms: ${longest <= 50 ? "MET" : "MISSED"}`,
    );
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.baseURL + MC);
  await page.locator('[data-lab-slot="mc-dropout"]').scrollIntoViewIfNeeded();
  const demo = page.locator('[data-lab="mc-dropout"]');
  await demo.getByRole("button", { name: /Train and sample/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
  await observeLongTasks(page);
  const t0 = Date.now();
  await demo.getByRole("button", { name: /Train and sample/ }).click();
  await page.waitForFunction(
    () => /^(Trained|The demonstration failed)/.test(document.querySelector('[data-lab="mc-dropout"] .lab-status')?.textContent ?? ""),
    undefined,
    { polling: 1000, timeout: 180_000 },
  );
  const mcWall = Date.now() - t0;
  const readout = await demo.locator(".lab-readout").innerText();
  const mcLongest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  await context.close();
  console.log(`  Monte Carlo dropout demo        click → drawn ${s(mcWall)}, longest main-thread task ${mcLongest.toFixed(0)} ms`);
  console.log(`  ${"".padEnd(31)}${readout}`);

  const html = await (await fetch(server.baseURL + LESSON)).text();
  const srcs = moduleScripts(html);
  let gz = 0;
  let heavyInside = false;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, server.baseURL))).arrayBuffer());
    gz += gzipSync(body, { level: 9 }).length;
    if (/registerKernel|tfjs-core|EditorView|observablehq|d3-scale/.test(body.toString())) heavyInside = true;
  }
  console.log(
    `  lesson first-load JS            ${(gz / 1024).toFixed(1)} KB gzip (target ≤ 150), tfjs, Plot or editor inside: ${heavyInside ? "YES" : "no"}`,
  );
} finally {
  await browser.close();
  server.stop();
}
