// Quiz submission benchmark against the production server: 64 concurrent clients for 30 s,
// next to the trivial /api/health route in the same run; every 2xx must be a stored row.
//   node bench/quiz.mjs [seconds]
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, load } from "./load.mjs";
import { startServer } from "./server.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const SECONDS = Number(process.argv[2] ?? 30);
const CLIENTS = 64;
const CHAPTER = "optimization-regularization/regularization-techniques/dropout";

const server = await startServer();
try {
  // The quiz as the page knows it (public data): revision and a question's choice ids.
  const state = await (await fetch(`${server.baseURL}/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`)).json();
  const html = await (await fetch(`${server.baseURL}/courses/${CHAPTER}`)).text();
  const choiceIds = [...html.matchAll(/data-question-id="dropout-statements"[\s\S]*?<\/fieldset>/g)][0][0].match(/data-choice-id="([^"]+)"/g).map((m) => m.slice(16, -1));

  const submission = () => ({
    url: `${server.baseURL}/api/quiz/attempts`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `lbr_learner=${randomUUID()}` }, // a new learner each time
      body: JSON.stringify({ chapterId: CHAPTER, questionId: "dropout-statements", revision: state.revision, selected: [choiceIds[0]], shownOrder: choiceIds }),
    },
  });
  const health = () => ({ url: `${server.baseURL}/api/health`, init: {} });

  await load({ clients: 8, seconds: 2, makeRequest: health }); // warm-up
  const trivial = await load({ clients: CLIENTS, seconds: SECONDS, makeRequest: health });
  const before = countAttempts(server.env.DATABASE_URL);
  const quiz = await load({ clients: CLIENTS, seconds: SECONDS, makeRequest: submission });
  const stored = countAttempts(server.env.DATABASE_URL) - before;

  console.log(`Quiz submissions vs a trivial route (${CLIENTS} clients × ${SECONDS} s each, production build, SQLite, this machine)`);
  console.log(`  ${describe("GET /api/health", trivial)}`);
  console.log(`  ${describe("POST /api/quiz/attempts", quiz)}`);
  const ratio = quiz.perSecond / trivial.perSecond;
  console.log(`  throughput ratio         ${ratio.toFixed(2)}× the trivial route   target ≥ 0.5×: ${ratio >= 0.5 ? "MET" : "MISSED"}`);
  console.log(`  quiz p99                 ${quiz.p99.toFixed(1)} ms   target ≤ 50 ms: ${quiz.p99 <= 50 ? "MET" : "MISSED"}`);
  console.log(`  stored rows vs 2xx       ${stored} rows for ${quiz.ok} accepted → ${stored === quiz.ok ? "none lost" : `MISMATCH (${quiz.ok - stored})`}`);
} finally {
  server.stop();
}

function countAttempts(url) {
  const db = new Database(path.resolve(url.replace(/^file:/, "")), { readonly: true });
  const n = db.prepare('SELECT COUNT(*) AS n FROM "QuizAttempt"').get().n;
  db.close();
  return n;
}
