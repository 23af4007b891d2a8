// Lighthouse on the Dropout lesson (production build, Debian Chromium headless), mobile and desktop.
//   npm run bench:lighthouse            (LH_RUNS=3 for more runs per preset; default 2)
// Prints, per run and as the median per preset: the four category scores, TBT, LCP, the page's
// DOM element count; plus the first-load JS (gzip) of the page, measured from its HTML.
// Targets (issue #12): performance ≥ 95 mobile and 100 desktop; a11y, best practices, SEO 100;
// first-load JS ≤ 150 KB gzip.
import { gzipSync } from "node:zlib";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { startServer } from "./server.mjs";

const LESSON = "/courses/optimization-regularization/regularization-techniques/dropout";
const RUNS = Number(process.env.LH_RUNS ?? 2);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

async function firstLoadJs(baseURL) {
  const html = await (await fetch(baseURL + LESSON)).text();
  const srcs = [...new Set([...html.matchAll(/<script([^>]+)>/g)]
    .filter((m) => !/\bnoModule\b/i.test(m[1]))
    .map((m) => /src="([^"]+)"/.exec(m[1])?.[1])
    .filter(Boolean))];
  let gzip = 0;
  for (const src of srcs) gzip += gzipSync(Buffer.from(await (await fetch(new URL(src, baseURL))).arrayBuffer()), { level: 9 }).length;
  return { gzip, scripts: srcs.length, htmlGzip: gzipSync(html, { level: 9 }).length };
}

async function runOnce(url, preset) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lh-chrome-"));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    userDataDir,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" }, preset === "desktop" ? desktopConfig : undefined);
    const lhr = result.lhr;
    const score = (id) => Math.round((lhr.categories[id].score ?? 0) * 100);
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
    return {
      perf: score("performance"),
      a11y: score("accessibility"),
      bp: score("best-practices"),
      seo: score("seo"),
      tbt: lhr.audits["total-blocking-time"].numericValue,
      lcp: lhr.audits["largest-contentful-paint"].numericValue,
      tti: lhr.audits.interactive?.numericValue ?? NaN,
      dom: lhr.audits["dom-size"].numericValue,
      // Lighthouse's own measure of this machine's CPU at that moment (≈1000+ on an idle laptop;
      // a busy shared machine scores far lower and every timing above scales with it).
      cpu: lhr.environment.benchmarkIndex,
      failing,
    };
  } finally {
    await chrome.kill();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const line = (r) =>
  `perf ${String(r.perf).padStart(3)}  a11y ${String(r.a11y).padStart(3)}  best-practices ${String(r.bp).padStart(3)}  SEO ${String(r.seo).padStart(3)}  ` +
  `TBT ${Math.round(r.tbt)} ms  LCP ${Math.round(r.lcp)} ms  TTI ${Math.round(r.tti)} ms  DOM ${r.dom} elements  (CPU benchmarkIndex ${Math.round(r.cpu)})`;

const server = await startServer();
try {
  const url = server.baseURL + LESSON;
  await fetch(url); // compile-and-cache the page once, so runs measure the browser, not the first render
  const js = await firstLoadJs(server.baseURL);
  console.log(`Lighthouse ${JSON.parse(fs.readFileSync(new URL("../node_modules/lighthouse/package.json", import.meta.url), "utf8")).version} on ${LESSON} (${CHROMIUM}, headless; ${RUNS} runs per preset)`);
  console.log(`  first-load JS            ${(js.gzip / 1024).toFixed(1)} KB gzip in ${js.scripts} scripts (target ≤ 150 KB); HTML ${(js.htmlGzip / 1024).toFixed(1)} KB gzip`);
  for (const preset of ["mobile", "desktop"]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runOnce(url, preset);
      runs.push(r);
      console.log(`  ${preset.padEnd(7)} run ${i + 1}    ${line(r)}${r.failing.length ? `\n                   failing: ${r.failing.join(", ")}` : ""}`);
    }
    const m = Object.fromEntries(["perf", "a11y", "bp", "seo", "tbt", "lcp", "tti", "dom", "cpu"].map((k) => [k, median(runs.map((r) => r[k]))]));
    console.log(`  ${preset.padEnd(7)} median   ${line(m)}`);
  }
} finally {
  server.stop();
}
