// The dropout lab in headless Chromium: the default experiment's full run (both models) on each
// backend the lab worker can use, the longest main-thread task while it trains, the Monte Carlo
// dropout demo's run, and the lesson's first-load JS (the lab must load lazily). The lab is the
// course's own code: content/courses/optimization-regularization/figures/ (worker: figures/lab/).
//   node bench/lab.mjs [repeats]
// @ts-check
import { launchChromium } from "./browser.mjs";
import { firstLoadJs, LESSON } from "./lesson.mjs";
import { startServer } from "./server.mjs";

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
 * Times one run of a lab figure on an open page. Its interactive part loads when the reader comes
 * near its static slot; the learner reads for `readMs` while its worker warms up, then clicks
 * `button`. Returns the lab, the wall time from the click until its status matches `done`, and the
 * longest main-thread task meanwhile.
 * @param {import("playwright-core").Page} page
 * @param {string} name  the figure's data-lab
 * @param {{ button: RegExp; done: RegExp; readMs: number }} run
 */
async function timeLabRun(page, name, { button, done, readMs }) {
  await page.locator(`[data-lab-slot="${name}"]`).scrollIntoViewIfNeeded();
  const lab = page.locator(`[data-lab="${name}"]`);
  await lab.getByRole("button", { name: button }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(readMs);
  await observeLongTasks(page);
  const t0 = Date.now();
  await lab.getByRole("button", { name: button }).click();
  // Poll once a second: Playwright's text waits would add main-thread work of their own.
  await page.waitForFunction(
    ({ name, done }) => new RegExp(done).test(document.querySelector(`[data-lab="${name}"] .lab-status`)?.textContent ?? ""),
    { name, done: done.source },
    { polling: 1000, timeout: 180_000 },
  );
  const wall = Date.now() - t0;
  await page.waitForTimeout(300); // last redraw
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  return { lab, wall, longest };
}

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
  const { lab, wall, longest } = await timeLabRun(page, "experiment", {
    button: /Run the experiment/,
    done: /^(Finished|The experiment failed)/,
    readMs: 2000,
  });
  const status = await lab.locator(".lab-status").innerText();
  const reported = Number(/in ([\d.]+) s/.exec(status)?.[1]) * 1000;
  const used = /\((\w+) backend/.exec(status)?.[1];
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
  const mc = await timeLabRun(page, "mc-dropout", {
    button: /Train and sample/,
    done: /^(Trained|The demonstration failed)/,
    readMs: 1500,
  });
  const readout = await mc.lab.locator(".lab-readout").innerText();
  await context.close();
  console.log(`  Monte Carlo dropout demo        click → drawn ${s(mc.wall)}, longest main-thread task ${mc.longest.toFixed(0)} ms`);
  console.log(`  ${"".padEnd(31)}${readout}`);

  const { gzip, heavyInside } = await firstLoadJs(server.baseURL, LESSON, /registerKernel|tfjs-core|EditorView|observablehq|d3-scale/);
  console.log(
    `  lesson first-load JS            ${(gzip / 1024).toFixed(1)} KB gzip (target ≤ 150), tfjs, Plot or editor inside: ${heavyInside ? "YES" : "no"}`,
  );
} finally {
  await browser.close();
  server.stop();
}
