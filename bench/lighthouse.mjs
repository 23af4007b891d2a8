// Lighthouse on lesson pages (production build, Debian Chromium headless), mobile and desktop.
//   npm run bench:lighthouse            (LH_RUNS=3 for more runs per preset; default 2)
//   LH_PAGES=dropout,gradient-descent   (chapter slugs or paths such as /; default: the Dropout lesson and Gradient Descent)
//   LH_PRESETS=mobile                   (presets to run; default mobile,desktop)
//   LH_SAVE=dir                         (also write each run's full Lighthouse JSON report and its trace there)
//   LH_BASE=http://127.0.0.1:3000       (measure a server that is already running, e.g. bench/framework-floor.mjs's)
// Prints, per run and as the median per preset: the four category scores, TBT, LCP, the page's
// DOM element count; plus the first-load JS (gzip) of the page, measured from its HTML; and, per
// run, what costs the score: the LCP element, the scripts with the most main-thread time, the
// longest tasks and the largest unused JS.
// Targets (issue #12): performance ≥ 95 mobile and 100 desktop; a11y, best practices, SEO 100;
// first-load JS ≤ 150 KB gzip.
// @ts-check
import { gzipSync } from "node:zlib";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./browser.mjs";
import { moduleScripts } from "./html.mjs";
import { startServer } from "./server.mjs";

/** @type {Record<string, string>} */
const CHAPTERS = {
  dropout: "/courses/optimization-regularization/regularization-techniques/dropout",
  "gradient-descent": "/courses/optimization-regularization/optimization-basics/gradient-descent",
  "batch-normalization": "/courses/optimization-regularization/regularization-techniques/batch-normalization",
  "monte-carlo-dropout": "/courses/optimization-regularization/regularization-techniques/monte-carlo-dropout",
};
const PAGES = (process.env.LH_PAGES ?? "dropout,gradient-descent").split(",").map((slug) => {
  if (slug.startsWith("/")) return slug; // any other page by its path, e.g. "/" for a framework floor
  const page = CHAPTERS[slug];
  if (!page) throw new Error(`LH_PAGES: unknown chapter "${slug}" (known: ${Object.keys(CHAPTERS).join(", ")})`);
  return page;
});
const RUNS = Number(process.env.LH_RUNS ?? 2);
const PRESETS = (process.env.LH_PRESETS ?? "mobile,desktop").split(",");

/**
 * @param {string} baseURL
 * @param {string} lesson  the lesson's path
 */
async function firstLoadJs(baseURL, lesson) {
  const html = await (await fetch(baseURL + lesson)).text();
  const srcs = moduleScripts(html);
  let gzip = 0;
  for (const src of srcs) gzip += gzipSync(Buffer.from(await (await fetch(new URL(src, baseURL))).arrayBuffer()), { level: 9 }).length;
  return { gzip, scripts: srcs.length, htmlGzip: gzipSync(html, { level: 9 }).length };
}

/** @typedef {{ nodeLabel?: string; selector?: string }} NodeDetails */

/**
 * @param {string} url
 * @param {string} preset  "mobile" or "desktop"
 */
async function runOnce(url, preset) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lh-chrome-"));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    userDataDir,
    chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
  });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        // With LH_SAVE, the trace also carries V8's CPU samples (what ran inside each long task).
        ...(process.env.LH_SAVE ? { additionalTraceCategories: "disabled-by-default-v8.cpu_profiler" } : {}),
      },
      preset === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const lhr = result.lhr;
    if (process.env.LH_SAVE) {
      fs.mkdirSync(process.env.LH_SAVE, { recursive: true });
      fs.writeFileSync(
        path.join(process.env.LH_SAVE, `${url.split("/").pop()}-${preset}-${Date.now()}.json`),
        [result.report].flat().join("\n"),
      );
      // The observed (unthrottled) trace behind the simulated figures, for DevTools or a script.
      const trace = /** @type {{ Trace?: { traceEvents: unknown[] } }} */ (result.artifacts).Trace;
      if (trace)
        fs.writeFileSync(
          path.join(process.env.LH_SAVE, `${url.split("/").pop()}-${preset}-${Date.now()}.trace.json`),
          JSON.stringify(trace),
        );
    }
    /** @param {string} id */
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    /**
     * An audit's table rows (details.items), or none; their values are read as unknown.
     * @param {string} id
     * @returns {Record<string, unknown>[]}
     */
    const rows = (id) => {
      const details = lhr.audits[id]?.details;
      return details && "items" in details ? details.items : [];
    };
    /** @param {string} id */
    const numeric = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
    const short = (/** @type {unknown} */ u) => String(u).replace(/^https?:\/\/[^/]+/, "");
    // The LCP element's row holds the node, or (newer Lighthouse) a nested table that does.
    const lcpRow = /** @type {{ items?: { node?: NodeDetails }[]; node?: NodeDetails } | undefined} */ (
      rows("largest-contentful-paint-element")[0]
    );
    const lcpItem = lcpRow?.items?.[0]?.node ?? lcpRow?.node;
    const bootup = rows("bootup-time")
      .slice(0, 4)
      .map((i) => `${short(i.url)} ${Math.round(Number(i.scripting))} ms`);
    const longTasks = rows("long-tasks")
      .slice(0, 4)
      .map((i) => `${short(i.url)} ${Math.round(Number(i.duration))} ms @${Math.round(Number(i.startTime))}`);
    const unused = rows("unused-javascript")
      .slice(0, 3)
      .map((i) => `${short(i.url)} ${Math.round(Number(i.wastedBytes) / 1024)} KB`);
    return {
      perf: score("performance"),
      a11y: score("accessibility"),
      bp: score("best-practices"),
      seo: score("seo"),
      tbt: numeric("total-blocking-time"),
      lcp: numeric("largest-contentful-paint"),
      tti: numeric("interactive"),
      dom: numeric("dom-size"),
      // Lighthouse's own measure of this machine's CPU at that moment (≈1000+ on an idle laptop;
      // a busy shared machine scores far lower and every timing above scales with it).
      cpu: lhr.environment.benchmarkIndex,
      failing,
      costs: [
        // With Debian's Chromium the element audit can fail (TraceElements: "frame_sequence"); say so.
        `LCP element: ${lcpItem ? `${lcpItem.nodeLabel?.slice(0, 60)} (${lcpItem.selector})` : `unavailable (${lhr.audits["largest-contentful-paint-element"]?.errorMessage?.slice(0, 80) ?? "no details"})`}`,
        `script time: ${bootup.join(", ") || "-"}`,
        `long tasks: ${longTasks.join(", ") || "-"}`,
        `unused JS: ${unused.join(", ") || "-"}`,
      ],
    };
  } finally {
    await chrome.kill();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** @typedef {{ perf: number; a11y: number; bp: number; seo: number; tbt: number; lcp: number; tti: number; dom: number; cpu: number }} Figures */

/**
 * The middle value, or the mean of the two middle values (NaN for none).
 * @param {number[]} xs
 */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const middle = s.slice(Math.floor((s.length - 1) / 2), Math.floor(s.length / 2) + 1);
  return middle.reduce((a, b) => a + b, 0) / middle.length;
};
/** @param {Figures} r */
const line = (r) =>
  `perf ${String(r.perf).padStart(3)}  a11y ${String(r.a11y).padStart(3)}  best-practices ${String(r.bp).padStart(3)}  SEO ${String(r.seo).padStart(3)}  ` +
  `TBT ${Math.round(r.tbt)} ms  LCP ${Math.round(r.lcp)} ms  TTI ${Math.round(r.tti)} ms  DOM ${r.dom} elements  (CPU benchmarkIndex ${Math.round(r.cpu)})`;

const server = process.env.LH_BASE ? { baseURL: process.env.LH_BASE.replace(/\/$/, ""), stop() {} } : await startServer();
try {
  for (const lesson of PAGES) {
    const url = server.baseURL + lesson;
    await fetch(url); // compile-and-cache the page once, so runs measure the browser, not the first render
    const js = await firstLoadJs(server.baseURL, lesson);
    console.log(
      `Lighthouse ${JSON.parse(fs.readFileSync(new URL("../node_modules/lighthouse/package.json", import.meta.url), "utf8")).version} on ${lesson} (${CHROMIUM_PATH}, headless; ${RUNS} runs per preset; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")})`,
    );
    console.log(
      `  first-load JS            ${(js.gzip / 1024).toFixed(1)} KB gzip in ${js.scripts} scripts (target ≤ 150 KB); HTML ${(js.htmlGzip / 1024).toFixed(1)} KB gzip`,
    );
    for (const preset of PRESETS) {
      /** @type {Awaited<ReturnType<typeof runOnce>>[]} */
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await runOnce(url, preset);
        runs.push(r);
        console.log(
          `  ${preset.padEnd(7)} run ${i + 1}    ${line(r)}  load ${os.loadavg()[0]?.toFixed(2)}${r.failing.length ? `\n                   failing: ${r.failing.join(", ")}` : ""}`,
        );
        for (const c of r.costs) console.log(`                   ${c}`);
      }
      /** @param {keyof Figures} k */
      const mid = (k) => median(runs.map((r) => r[k]));
      const m = {
        perf: mid("perf"),
        a11y: mid("a11y"),
        bp: mid("bp"),
        seo: mid("seo"),
        tbt: mid("tbt"),
        lcp: mid("lcp"),
        tti: mid("tti"),
        dom: mid("dom"),
        cpu: mid("cpu"),
      };
      console.log(`  ${preset.padEnd(7)} median   ${line(m)}`);
    }
  }
} finally {
  server.stop();
}
