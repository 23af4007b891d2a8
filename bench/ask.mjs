// Ask AI retrieval benchmark: answer time on the server for the test questions (p50/p99), next to
// the trivial route timed in the same rounds, and the size of the search index shipped with the server.
//   node bench/ask.mjs
// @ts-check
import fs from "node:fs";
import path from "node:path";
import { captured } from "./html.mjs";
import { mintLearners } from "./learners.mjs";
import { percentile, startServer } from "./server.mjs";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const ROUNDS = 20;
// The learner questions of the retrieval test set (lib/ask/questions.ts), read from there so the two stay the same.
const source = fs.readFileSync(path.resolve(import.meta.dirname, "../lib/ask/questions.ts"), "utf8");
const questions = [...source.matchAll(/^\s+\["([^"]+)", [A-Z]+, \[/gm)].map((m) => m[1]);
if (questions.length < 40) throw new Error(`expected the 40+ questions of lib/ask/questions.ts, found ${questions.length}`);

const server = await startServer();
try {
  const html = await (await fetch(`${server.baseURL}/courses/${CHAPTER}`)).text();
  const revision = captured(/data-revision="([0-9a-f]{12})"/, html);
  // A signed learner cookie minted by the app (an unsigned id is refused).
  const [learner] = await mintLearners(server.baseURL, CHAPTER, 1);
  if (!learner) throw new Error("the app minted no learner");
  const { cookie } = learner;
  const times = [];
  // The trivial route, timed the same way in the same rounds: what any request costs here.
  const trivial = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    for (const _ of questions) {
      const t0 = performance.now();
      await (await fetch(`${server.baseURL}/api/health`)).text();
      if (round >= 2) trivial.push(performance.now() - t0);
    }
    for (const question of questions) {
      const t0 = performance.now();
      const response = await fetch(`${server.baseURL}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ chapterId: CHAPTER, revision, question }),
      });
      const text = await response.text();
      if (!text.includes('"type":"done"')) throw new Error(`no answer for ${question}: ${text.slice(0, 200)}`);
      if (round >= 2) times.push(performance.now() - t0); // two warm-up rounds
    }
  }
  times.sort((a, b) => a - b);
  trivial.sort((a, b) => a - b);
  const index = path.resolve(import.meta.dirname, "../generated/ask-index.json");
  console.log(`Ask AI retrieval (no model), ${questions.length} questions × ${ROUNDS} rounds over HTTP, production build, this machine`);
  console.log(
    `  answer time              p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (includes HTTP and storing the question)   target p99 ≤ 20 ms: ${percentile(times, 99) <= 20 ? "MET" : "MISSED"}`,
  );
  console.log(
    `  trivial route (health)   p50 ${percentile(trivial, 50).toFixed(1)} ms, p99 ${percentile(trivial, 99).toFixed(1)} ms (same rounds); Ask AI / trivial: p50 ${(percentile(times, 50) / percentile(trivial, 50)).toFixed(2)}×, p99 ${(percentile(times, 99) / percentile(trivial, 99)).toFixed(2)}×`,
  );
  console.log(
    `  search index             ${(fs.statSync(index).size / 1024).toFixed(0)} KB JSON on the server (generated/ask-index.json), none in the browser`,
  );
} finally {
  server.stop();
}
