// Ask AI retrieval benchmark.
//   1. Quality, in process, on every course's question sets (<course>/ask/*questions.yaml): the
//      course's own set and the set of questions learners asked elsewhere, each asked from its
//      `askedFrom` chapter. Share of covered questions answered with a right section first, or
//      quoting one among the answer's sections, and share of uncovered ones declined; then the
//      questions each set gets wrong. The same numbers lib/ask/retrieve.content.test.ts checks.
//   2. Speed, over HTTP on the production build: answer time for the same questions (p50/p99),
//      next to the trivial route timed in the same rounds, and the size of the search index.
//   node bench/ask.mjs [--quality] [--misses]     (--quality: part 1 only, no build or server)
// @ts-check
import fs from "node:fs";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { captured } from "./html.mjs";
import { mintLearners } from "./learners.mjs";
import { percentile, startServer } from "./server.mjs";

const ROUNDS = 20;
const qualityOnly = process.argv.includes("--quality");
const showMisses = process.argv.includes("--misses");

/** @type {typeof import("../lib/content/load.ts")} */
const { loadCoursesFrom } = await tsImport("../lib/content/load.ts", import.meta.url);
/** @type {typeof import("../lib/ask/corpus.ts")} */
const { corpus } = await tsImport("../lib/ask/corpus.ts", import.meta.url);
/** @type {typeof import("../lib/ask/search.ts")} */
const { buildIndex } = await tsImport("../lib/ask/search.ts", import.meta.url);
/** @type {typeof import("../lib/ask/questions.ts")} */
const { questionSets, evaluateSet, describeReport } = await tsImport("../lib/ask/questions.ts", import.meta.url);

// The courses the app serves by default (CONTENT_DIRS' default): the benchmark measures them.
const courses = loadCoursesFrom([path.resolve(import.meta.dirname, "../content")]);
const source = corpus(courses);
const index = buildIndex(source);
const sets = questionSets(courses);
const [firstSet] = sets;
if (!firstSet) throw new Error("no question sets found (<course>/ask/*questions.yaml)");

console.log(`Ask AI retrieval quality (no model): ${source.passages.length} passages, ${sets.length} question sets`);
for (const set of sets) {
  const lines = describeReport(evaluateSet(index, set), { misses: showMisses });
  console.log(lines.join("\n"));
}
if (!showMisses) console.log("  (node bench/ask.mjs --quality --misses lists the questions each set gets wrong)");
if (qualityOnly) process.exit(0);

// ---- speed over HTTP ----------------------------------------------------------------------

const byChapter = sets.map((s) => ({ chapterId: s.chapterId, questions: s.questions.map((q) => q.ask) }));
const total = byChapter.reduce((n, s) => n + s.questions.length, 0);
const server = await startServer();
try {
  const revisions = new Map();
  for (const { chapterId } of byChapter) {
    const html = await (await fetch(`${server.baseURL}/courses/${chapterId}`)).text();
    revisions.set(chapterId, captured(/data-revision="([0-9a-f]{12})"/, html));
  }
  // A signed learner cookie minted by the app (an unsigned id is refused).
  const [learner] = await mintLearners(server.baseURL, firstSet.chapterId, 1);
  if (!learner) throw new Error("the app minted no learner");
  const { cookie } = learner;
  const times = [];
  // The trivial route, timed the same way in the same rounds: what any request costs here.
  const trivial = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    for (let i = 0; i < total; i++) {
      const t0 = performance.now();
      await (await fetch(`${server.baseURL}/api/health`)).text();
      if (round >= 2) trivial.push(performance.now() - t0);
    }
    for (const { chapterId, questions } of byChapter) {
      for (const question of questions) {
        const t0 = performance.now();
        const response = await fetch(`${server.baseURL}/api/ask`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ chapterId, revision: revisions.get(chapterId), question }),
        });
        const text = await response.text();
        if (!text.includes('"type":"done"')) throw new Error(`no answer for ${question}: ${text.slice(0, 200)}`);
        if (round >= 2) times.push(performance.now() - t0); // two warm-up rounds
      }
    }
  }
  times.sort((a, b) => a - b);
  trivial.sort((a, b) => a - b);
  const file = path.resolve(import.meta.dirname, "../generated/ask-index.json");
  console.log(`Ask AI retrieval speed (no model), ${total} questions × ${ROUNDS} rounds over HTTP, production build, this machine`);
  console.log(
    `  answer time              p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (includes HTTP and storing the question)   target p99 ≤ 20 ms: ${percentile(times, 99) <= 20 ? "MET" : "MISSED"}`,
  );
  console.log(
    `  trivial route (health)   p50 ${percentile(trivial, 50).toFixed(1)} ms, p99 ${percentile(trivial, 99).toFixed(1)} ms (same rounds); Ask AI / trivial: p50 ${(percentile(times, 50) / percentile(trivial, 50)).toFixed(2)}×, p99 ${(percentile(times, 99) / percentile(trivial, 99)).toFixed(2)}×`,
  );
  console.log(
    `  search index             ${(fs.statSync(file).size / 1024).toFixed(0)} KB JSON on the server (generated/ask-index.json), none in the browser`,
  );
} finally {
  server.stop();
}
