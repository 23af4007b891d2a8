// Code cell benchmark in headless Chromium: Run click → first output, cold and warm; transpile
// time; and the lesson page's first-load JS (the cells must not pull tfjs or the editor into it).
// Every run gets a fresh worker (lib/runner/frame.ts): "warm" is a Run clicked once the runner
// says its next worker is ready (data-warm on the frame; ~1 s after the last run started);
// "again at once" clicks Run the moment the previous run ended.
//   node bench/code-cells.mjs
// @ts-check
import { launchChromium } from "./browser.mjs";
import os from "node:os";
import path from "node:path";
import { transform } from "sucrase";
import { firstLoadJs, LESSON, timeRun } from "./lesson.mjs";
import { median, startServer } from "./server.mjs";
import { loadCells } from "./cells-source.mjs";

// Smaller runs for a busy machine: COLD_PAGES=2 WARM_RUNS=5 CELLS=train-vs-eval BACKENDS=webgl
const COLD_PAGES = Number(process.env.COLD_PAGES ?? 5);
const WARM_RUNS = Number(process.env.WARM_RUNS ?? 10);
const ONLY_CELLS = process.env.CELLS?.split(",");
const BACKENDS = (process.env.BACKENDS ?? "webgl,wasm").split(",").map((b) => (b === "webgl" ? "" : b));
/** @param {number} x */
const ms = (x) => `${x.toFixed(0)} ms`;
const AT_ONCE_RUNS = 5;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const loadBefore = load();
/**
 * Waits until the runner has a fresh, warmed-up worker for the next run.
 * @param {import("playwright-core").Page} page
 */
const runnerWarm = (page) =>
  page.locator('iframe[title="Code runner sandbox"][data-warm="true"]').waitFor({ state: "attached", timeout: 60_000 });

const server = await startServer();
const browser = await launchChromium();
try {
  const cells = loadCells(
    path.resolve(import.meta.dirname, "../content/courses/optimization-regularization/regularization-techniques/dropout.mdx"),
  ).filter((c) => !ONLY_CELLS || ONLY_CELLS.includes(c.id));

  // Cold: a fresh page each time. "Clicked at once" = Run as soon as the page has loaded (worker,
  // tfjs and backend all start on the click). "After reading" = the learner scrolls to the cell
  // and reads it for 1.5 s first, which is when the runner warms up in the background.
  /** @type {number[]} */
  const coldAtOnce = [];
  /** @type {number[]} */
  const coldAfterReading = [];
  for (let i = 0; i < COLD_PAGES; i++) {
    for (const [list, wait] of /** @type {const} */ ([
      [coldAtOnce, 0],
      [coldAfterReading, 1500],
    ])) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.baseURL + LESSON);
      if (wait) {
        await page.locator('[data-cell-id="train-vs-eval"]').scrollIntoViewIfNeeded();
        await page.waitForTimeout(wait);
      }
      list.push((await timeRun(page, "train-vs-eval")).first);
      await context.close();
    }
  }

  // Warm: the same page, each lesson cell run repeatedly after a first run; on WebGL (the
  // default) and, for comparison, on the wasm backend (software WebGL here is SwiftShader).
  /** @type {Record<string, { first: number; total: number }>} */
  const warm = {};
  /** @type {Record<string, number>} */
  const atOnce = {};
  let backend = "";
  for (const forced of BACKENDS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.baseURL + LESSON + (forced ? `?runner-backend=${forced}` : ""));
    for (const { id } of cells) {
      await page.locator(`[data-cell-id="${id}"]`).scrollIntoViewIfNeeded();
      await timeRun(page, id);
      /** @type {number[]} */
      const firsts = [];
      /** @type {number[]} */
      const totals = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        await runnerWarm(page);
        const t = await timeRun(page, id);
        firsts.push(t.first);
        totals.push(t.total);
      }
      warm[`${id} (${forced || "webgl"})`] = { first: median(firsts), total: median(totals) };
      if (!forced) {
        /** @type {number[]} */
        const again = [];
        for (let i = 0; i < AT_ONCE_RUNS; i++) again.push((await timeRun(page, id)).first);
        atOnce[id] = median(again);
      }
    }
    if (!forced) backend = await page.locator(".cell-meta").first().innerText();
    await context.close();
  }

  // Transpile time (sucrase, as the worker does), warm.
  const transpileTimes = cells.map(({ id, code }) => {
    for (let i = 0; i < 50; i++) transform(code, { transforms: ["typescript", "imports"], disableESTransforms: true, production: true });
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) transform(code, { transforms: ["typescript", "imports"], disableESTransforms: true, production: true });
    return { id, ms: (performance.now() - t0) / 500 };
  });

  // First-load JS of the lesson page (module scripts a modern browser fetches).
  const firstLoad = await firstLoadJs(server.baseURL, LESSON, /registerKernel|tfjs-core|EditorView/);

  console.log("Code cell benchmark (headless Chromium, production build, this machine)");
  console.log(`  load average (1/5/15 min)        before ${loadBefore}, after ${load()} (${os.cpus().length} cores)`);
  console.log(`  backend                          ${backend.replace(/^.* on (\w+).*$/, "$1")}`);
  console.log(
    `  cold, Run clicked at page load   first output p50 ${ms(median(coldAtOnce))} (min ${ms(Math.min(...coldAtOnce))}, max ${ms(Math.max(...coldAtOnce))}, ${COLD_PAGES} fresh pages)`,
  );
  console.log(
    `  cold, Run after 1.5 s reading    first output p50 ${ms(median(coldAfterReading))} (min ${ms(Math.min(...coldAfterReading))}, max ${ms(Math.max(...coldAfterReading))})   target ≤ 600 ms: ${median(coldAfterReading) <= 600 ? "MET" : "MISSED"}`,
  );
  for (const [id, t] of Object.entries(warm)) {
    console.log(
      `  warm ${id.padEnd(34)} first output p50 ${ms(t.first)}, whole run p50 ${ms(t.total)}   target ≤ 50 ms: ${t.first <= 50 ? "MET" : "MISSED"}`,
    );
  }
  for (const [id, t] of Object.entries(atOnce)) {
    console.log(
      `  again at once ${id.padEnd(27)} first output p50 ${ms(t)} (Run clicked as the last run ended: the next worker may still be warming)`,
    );
  }
  for (const t of transpileTimes) console.log(`  transpile ${t.id.padEnd(22)} ${t.ms.toFixed(3)} ms (sucrase, warm, Node)`);
  console.log(
    `  lesson first-load JS             ${(firstLoad.gzip / 1024).toFixed(1)} KB gzip, tfjs or editor inside: ${firstLoad.heavyInside ? "YES" : "no"}`,
  );
} finally {
  await browser.close();
  server.stop();
}
