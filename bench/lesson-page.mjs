// Lesson page benchmark: HTML size, first-load JS (gzip) and server response time.
//   npm run bench        (builds if needed, starts `next start` on a scratch database)
// Target: first-load JS for the lesson page ≤ 150 KB gzip, no tfjs in the initial load.
// @ts-check
import { gzipSync } from "node:zlib";
import { firstLoadJs, LESSON } from "./lesson.mjs";
import { percentile, startServer, timeRequests } from "./server.mjs";

/** @param {number} n */
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const server = await startServer();
try {
  // tfjs itself (its kernel registry), not merely the word "TensorFlow" in a status message.
  const {
    html,
    scripts,
    raw: jsRaw,
    gzip: jsGzip,
    heavyInside: hasTfjs,
  } = await firstLoadJs(server.baseURL, LESSON, /registerKernel|tfjs-core/);
  // Warm up, then time the page and a trivial JSON route in the same run.
  await timeRequests(server.baseURL + LESSON, 20);
  const page = await timeRequests(server.baseURL + LESSON, 300);
  const health = await timeRequests(server.baseURL + "/api/health", 300);

  const htmlBytes = Buffer.byteLength(html);
  console.log("Lesson page benchmark (production build, this machine)");
  console.log(`  page                     ${LESSON}`);
  console.log(`  HTML                     ${kb(htmlBytes)} raw, ${kb(gzipSync(html, { level: 9 }).length)} gzip`);
  console.log(
    `  first-load JS            ${kb(jsGzip)} gzip (${kb(jsRaw)} raw) in ${scripts} scripts   target ≤ 150 KB gzip: ${jsGzip <= 150 * 1024 ? "MET" : "MISSED"}`,
  );
  console.log(`  tfjs in initial load     ${hasTfjs ? "YES (should be lazy)" : "no"}`);
  console.log(
    `  lesson page response     p50 ${percentile(page, 50).toFixed(2)} ms, p99 ${percentile(page, 99).toFixed(2)} ms (300 sequential GETs)`,
  );
  console.log(
    `  /api/health response     p50 ${percentile(health, 50).toFixed(2)} ms, p99 ${percentile(health, 99).toFixed(2)} ms (same run)`,
  );
  console.log(`  ratio page/health p50    ${(percentile(page, 50) / percentile(health, 50)).toFixed(2)}×`);
} finally {
  server.stop();
}
