// Cell type-checker benchmark in headless Chromium (production build): time from a learner's
// first keystroke in a cell to the first diagnostics (cold cache and warm cache), how much loads
// for it, how quickly later edits are re-checked, and that the lesson's first load and a warm
// Run are unaffected (Run → first output with the checker never started vs. loaded, same page).
//   node bench/cell-help.mjs
// @ts-check
import { launchChromium } from "./browser.mjs";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { RUNNER_BUILD_OPTIONS, tfGlobal } from "../scripts/runner-bundle.mjs";
import { firstLoadJs, LESSON, timeRun } from "./lesson.mjs";
import { median, startServer } from "./server.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

const CELL = "train-vs-eval";
const PAGES = 5;
const WARM_RUNS = 15;
/** @param {number} x */
const ms = (x) => `${x.toFixed(0)} ms`;
/** @param {number} n */
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

/**
 * Records in the page when the next key goes down in the cell and when a new underline appears.
 * @param {import("playwright-core").Page} page
 */
function watchDiagnostics(page) {
  return page.evaluate((id) => {
    const cell = document.querySelector(`[data-cell-id="${id}"]`);
    const content = cell?.querySelector(".cm-content");
    if (!cell || !content) throw new Error(`no editor for cell ${id}`);
    const before = cell.querySelectorAll(".cm-lintRange-error").length;
    window.__keyAt = 0;
    window.__diagAt = 0;
    const observer = new MutationObserver(() => {
      if (window.__keyAt && cell.querySelectorAll(".cm-lintRange-error").length > before) {
        window.__diagAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(cell, { childList: true, subtree: true });
    content.addEventListener("keydown", () => (window.__keyAt ||= performance.now()), { capture: true });
    return before;
  }, CELL);
}

/**
 * Waits for the underline watchDiagnostics is waiting for; ms from the keystroke to it.
 * @param {import("playwright-core").Page} page
 * @param {import("playwright-core").Locator} cell
 * @param {number} before  underlines before the keystroke
 */
async function diagnosticsAfterKeystroke(page, cell, before) {
  await cell.locator(".cm-lintRange-error").nth(before).waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => window.__diagAt > 0);
  return page.evaluate(() => window.__diagAt - window.__keyAt);
}

/**
 * Opens the lesson, waits for the cell's editor; returns the page and the requests it makes.
 * @param {import("playwright-core").BrowserContext} context
 */
async function openLesson(context) {
  // Each page starts from the lesson's code (edits are kept in localStorage per cell).
  await context.addInitScript(() => localStorage.clear());
  const page = await context.newPage();
  /** @type {import("playwright-core").Request[]} */
  const requests = [];
  page.on("requestfinished", (r) => requests.push(r));
  await page.goto(server.baseURL + LESSON);
  const cell = page.locator(`[data-cell-id="${CELL}"]`);
  await cell.scrollIntoViewIfNeeded();
  await cell.locator(".cm-content").waitFor();
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined); // the runner may keep loading
  return { page, cell, requests };
}

/**
 * Focuses the cell's editor, then types (Ctrl+End, Enter, a line with a type error) at once.
 * @param {import("playwright-core").Page} page
 * @param {import("playwright-core").Locator} cell
 */
async function firstKeystroke(page, cell) {
  const before = await watchDiagnostics(page);
  await cell.locator(".cm-content").focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText('const wrong: number = "0.5";');
  return diagnosticsAfterKeystroke(page, cell, before);
}

/**
 * The sandbox worker (public/runner/runtime.js) as it was before this branch (at the merge base
 * with main), built like scripts/build-runner.mjs builds it: served in place of today's
 * runtime.js to compare warm runs in the same benchmark run.
 */
async function baselineRuntime() {
  const base = execFileSync("git", ["merge-base", "HEAD", "main"], { cwd: ROOT, encoding: "utf8" }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-runtime-"));
  const files = execFileSync("git", ["ls-tree", "--name-only", base, "lib/runner/"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".ts"));
  for (const f of files) fs.writeFileSync(path.join(dir, path.basename(f)), execFileSync("git", ["show", `${base}:${f}`], { cwd: ROOT }));
  const out = path.join(dir, "runtime.js");
  await build({
    ...RUNNER_BUILD_OPTIONS,
    entryPoints: [path.join(dir, "sandbox.worker.ts")],
    outfile: out,
    nodePaths: [path.join(ROOT, "node_modules")],
    plugins: [tfGlobal],
  });
  return { base: base.slice(0, 7), body: fs.readFileSync(out) };
}

/**
 * Bytes on the wire for a path, as the server sends it to a browser that accepts gzip.
 * @param {string} url
 * @returns {Promise<{ bytes: number; encoding: string }>}
 */
function wireSize(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip, deflate, br" } }, (res) => {
        let n = 0;
        res.on("data", (c) => (n += c.length));
        res.on("end", () => resolve({ bytes: n, encoding: res.headers["content-encoding"] ?? "none" }));
      })
      .on("error", reject);
  });
}

const baseline = await baselineRuntime();
const server = await startServer();
const browser = await launchChromium();
try {
  // Cold: a fresh browser context (empty HTTP cache) per page.
  /** @type {number[]} */
  const cold = [];
  /** @type {{ path: string; sizes: Awaited<ReturnType<import("playwright-core").Request["sizes"]>>; encoding: string | undefined }[]} */
  let loadedForIt = [];
  /** @type {string[]} */
  let loadedBefore = [];
  for (let i = 0; i < PAGES; i++) {
    const context = await browser.newContext();
    const { page, cell, requests } = await openLesson(context);
    const before = requests.length;
    cold.push(await firstKeystroke(page, cell));
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
    if (i === 0) {
      loadedBefore = requests.slice(0, before).map((r) => new URL(r.url()).pathname);
      loadedForIt = await Promise.all(
        requests.slice(before).map(async (r) => ({
          path: new URL(r.url()).pathname,
          sizes: await r.sizes(),
          encoding: (await r.response())?.headers()["content-encoding"],
        })),
      );
    }
    await context.close();
  }

  // Warm HTTP cache: the same context, a new page (files revalidated, not downloaded again).
  /** @type {number[]} */
  const warmCache = [];
  const context = await browser.newContext();
  {
    const { page, cell } = await openLesson(context);
    await firstKeystroke(page, cell);
    await page.close();
  }
  for (let i = 0; i < PAGES; i++) {
    const { page, cell } = await openLesson(context);
    warmCache.push(await firstKeystroke(page, cell));
    await page.close();
  }

  // Checker loaded: a later edit that adds another type error, re-checked (300 ms lint delay incl.).
  /** @type {number[]} */
  const later = [];
  const { page, cell } = await openLesson(context);
  await firstKeystroke(page, cell);
  for (let i = 0; i < PAGES; i++) {
    const before = await watchDiagnostics(page);
    await page.keyboard.press("Enter");
    await page.keyboard.insertText(`const wrong${i}: string = ${i};`);
    later.push(await diagnosticsAfterKeystroke(page, cell, before));
  }
  await page.close();

  // Warm Run → first output, original code, alternating pages: the runtime before this branch,
  // this branch with the checker never started, and with the checker loaded (a focus starts it).
  /** @type {Record<string, number[]>} */
  const runs = {
    [`runtime at ${baseline.base} (before)`]: [],
    "this branch, checker never started": [],
    "this branch, checker loaded": [],
  };
  for (let round = 0; round < 3; round++) {
    for (const [label, times] of Object.entries(runs)) {
      const ctx = await browser.newContext();
      if (label.startsWith("runtime at"))
        await ctx.route("**/runner/runtime.js", (route) =>
          route.fulfill({ body: baseline.body, contentType: "text/javascript", headers: { "access-control-allow-origin": "*" } }),
        );
      const { page, cell } = await openLesson(ctx);
      if (label.endsWith("loaded")) {
        await cell.locator(".cm-content").focus();
        await cell.locator('.cm-editor[data-typescript="ready"]').waitFor({ timeout: 120_000 });
      }
      await timeRun(page, CELL); // first run: backend start, shader compile
      for (let i = 0; i < WARM_RUNS; i++) times.push((await timeRun(page, CELL)).first);
      if (label.endsWith("loaded") && (await cell.locator(".cell-type").count())) throw new Error("the lesson cell has type errors");
      await ctx.close();
    }
  }
  await context.close();

  // The lesson's first-load JS (module scripts in the HTML), as bench/lesson-page.mjs counts it.
  const firstLoad = await firstLoadJs(server.baseURL, LESSON, /data-typescript|createLanguageService|registerKernel|EditorView/);

  const wire = await Promise.all(loadedForIt.map(async (r) => ({ ...r, ...(await wireSize(server.baseURL + r.path)) })));
  const transferred = wire.reduce((n, r) => n + r.bytes, 0);
  console.log("Cell type checker benchmark (headless Chromium, production build, this machine)");
  console.log(
    `  first keystroke → first diagnostics, cold cache   p50 ${ms(median(cold))} (min ${ms(Math.min(...cold))}, max ${ms(Math.max(...cold))}, ${PAGES} fresh pages)`,
  );
  console.log(
    `  first keystroke → first diagnostics, warm cache   p50 ${ms(median(warmCache))} (min ${ms(Math.min(...warmCache))}, max ${ms(Math.max(...warmCache))})`,
  );
  console.log(`  later edit → diagnostics (checker loaded)         p50 ${ms(median(later))} (includes the 300 ms lint delay)`);
  console.log(`  loaded for it (after the keystroke)               ${kb(transferred)} transferred in ${loadedForIt.length} requests:`);
  for (const r of wire) console.log(`    ${r.path.padEnd(44)} ${kb(r.bytes).padStart(7)} (content-encoding: ${r.encoding})`);
  console.log(`  checker files requested before the first keystroke: ${loadedBefore.filter((p) => p.startsWith("/runner/ts/")).length}`);
  const p50 = Object.fromEntries(Object.entries(runs).map(([label, times]) => [label, median(times)]));
  for (const [label, t] of Object.entries(p50))
    console.log(`  warm Run → first output, ${CELL}, ${label.padEnd(36)} p50 ${ms(t)}   target ≤ 50 ms: ${t <= 50 ? "MET" : "MISSED"}`);
  const [before = Number.NaN, never = Number.NaN, loaded = Number.NaN] = Object.values(p50);
  console.log(
    `  ratios (same run, ${3 * WARM_RUNS} runs each): never started / before ${(never / before).toFixed(2)}×, checker loaded / before ${(loaded / before).toFixed(2)}×`,
  );
  console.log(
    `  lesson first-load JS                              ${(firstLoad.gzip / 1024).toFixed(1)} KB gzip in ${firstLoad.scripts} scripts, checker/editor/tfjs inside: ${firstLoad.heavyInside ? "YES" : "no"}   target ≤ 150 KB: ${firstLoad.gzip <= 150 * 1024 ? "MET" : "MISSED"}`,
  );
} finally {
  await browser.close();
  server.stop();
}
