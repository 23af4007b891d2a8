// What the lesson benchmarks share: the Dropout lesson's path, its first-load JS, and timing a
// cell's Run inside the page.
// @ts-check
import { gzipSync } from "node:zlib";
import { moduleScripts } from "./html.mjs";

export const LESSON = "/courses/optimization-regularization/regularization-techniques/dropout";

/**
 * A page's first-load JS: the module scripts its HTML loads, raw and gzip (level 9) bytes, and
 * whether any holds code that must load lazily (`heavy`: tfjs, the editor, …).
 * @param {string} baseURL
 * @param {string} path
 * @param {RegExp} heavy
 */
export async function firstLoadJs(baseURL, path, heavy) {
  const html = await (await fetch(baseURL + path)).text();
  const scripts = moduleScripts(html);
  let raw = 0;
  let gzip = 0;
  let heavyInside = false;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, baseURL))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    if (heavy.test(body.toString("utf8"))) heavyInside = true;
  }
  return { html, scripts: scripts.length, raw, gzip, heavyInside };
}

/**
 * Clicks Run in a cell and resolves with the ms, measured in the page, until its first output line
 * appears (NaN: the run ended without one) and until the run ends.
 * @param {import("playwright-core").Page} page
 * @param {string} id
 */
export function timeRun(page, id) {
  return page.evaluate(
    (id) =>
      new Promise((/** @type {(times: { first: number; total: number }) => void} */ resolve, reject) => {
        const cell = document.querySelector(`[data-cell-id="${id}"]`);
        const out = cell?.querySelector('[role="log"]');
        const run = [...(cell?.querySelectorAll("button") ?? [])].find((b) => b.textContent === "Run");
        if (!cell || !out || !run) return reject(new Error(`cell ${id} has no output or Run button`));
        const t0 = performance.now();
        /** @type {number | undefined} */
        let first;
        const observer = new MutationObserver(() => {
          if (first === undefined && out.querySelector(".cell-line")) first = performance.now() - t0;
          if (cell.querySelector(".cell-meta")) {
            observer.disconnect();
            resolve({ first: first ?? Number.NaN, total: performance.now() - t0 });
          }
        });
        observer.observe(out, { childList: true, subtree: true });
        run.click();
      }),
    id,
  );
}
