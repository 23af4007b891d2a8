// Feedback benchmark: submissions at 64 concurrent clients for 30 s next to a trivial route
// (stored rows must equal accepted requests), then the authors' report with 10,000 feedback rows
// and 100,000 quiz attempts seeded: server time for the page.
//   node bench/feedback-report.mjs [seconds]
// @ts-check
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createRequire } from "node:module";
import { captured } from "./html.mjs";
import { mintLearners } from "./learners.mjs";
import { describe, load } from "./load.mjs";
import { percentile, startServer } from "./server.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const SECONDS = Number(process.argv[2] ?? 30);
const CLIENTS = 64;
const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const TOKEN = "bench-author-token-0123456789";

// A huge limit: this measures throughput, not the limiter (which has its own tests).
const server = await startServer({ AUTHOR_TOKEN: TOKEN });
const file = path.resolve(server.env.DATABASE_URL.replace(/^file:/, ""));
try {
  const html = await (await fetch(`${server.baseURL}/courses/${CHAPTER}`)).text();
  const revision = captured(/data-revision="([0-9a-f]{12})"/, html);
  // One vote per learner, each a signed learner the app minted (as browsers get them); the run
  // stops early if it uses them all up.
  const learners = await mintLearners(server.baseURL, CHAPTER, SECONDS * 300);
  let n = 0;
  const cookieOf = (/** @type {number} */ i) => {
    const learner = learners[i];
    if (!learner) throw new Error(`only ${learners.length} learners were minted`);
    return learner.cookie;
  };
  const vote = () => ({
    url: `${server.baseURL}/api/feedback`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookieOf(n) },
      body: JSON.stringify({ chapterId: CHAPTER, revision, vote: n++ % 3 ? "yes" : "no", comment: n % 4 ? undefined : `comment ${n}` }),
    },
  });
  const health = () => ({ url: `${server.baseURL}/api/health`, init: {} });
  await load({ clients: 8, seconds: 2, makeRequest: health });
  const trivial = await load({ clients: CLIENTS, seconds: SECONDS, makeRequest: health });
  const before = count(file, "Feedback");
  const feedback = await load({ clients: CLIENTS, seconds: SECONDS, makeRequest: vote, stopWhen: () => n >= learners.length - 1 });
  const stored = count(file, "Feedback") - before;

  // Seed the report's worst case: 10,000 feedback rows and 100,000 attempts in total.
  seed(file, revision, 10_000 - count(file, "Feedback"), 100_000);
  const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < 3; i++) await fetch(`${server.baseURL}/authors`, auth); // warm-up
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const r = await fetch(`${server.baseURL}/authors`, auth);
    await r.text();
    if (r.status !== 200) throw new Error(`report answered ${r.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);

  console.log(`Feedback submissions vs a trivial route (${CLIENTS} clients × ${SECONDS} s each, production build, SQLite, this machine)`);
  console.log(`  ${describe("GET /api/health", trivial)}`);
  console.log(`  ${describe("POST /api/feedback", feedback)}`);
  console.log(`  throughput ratio         ${(feedback.perSecond / trivial.perSecond).toFixed(2)}× the trivial route`);
  console.log(
    `  stored rows vs 2xx       ${stored} rows for ${feedback.ok} accepted → ${stored === feedback.ok ? "none lost" : `MISMATCH (${feedback.ok - stored})`}`,
  );
  console.log(`Authors' report with ${count(file, "Feedback")} feedback rows and ${count(file, "QuizAttempt")} quiz attempts`);
  console.log(
    `  GET /authors             p50 ${percentile(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (15 requests, time to full response)   target ≤ 300 ms: ${percentile(times, 50) <= 300 ? "MET" : "MISSED"}`,
  );
} finally {
  server.stop();
}

/**
 * @param {string} file
 * @param {string} table
 */
function count(file, table) {
  const db = new Database(file, { readonly: true });
  const { n } = /** @type {{ n: number }} */ (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get());
  db.close();
  return n;
}

/**
 * Fast bulk insert straight into SQLite (the server keeps running; WAL allows it).
 * @param {string} file
 * @param {string} revision
 * @param {number} feedbackRows
 * @param {number} attemptRows
 */
function seed(file, revision, feedbackRows, attemptRows) {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  const now = new Date().toISOString();
  const choices = [
    "drop-with-p",
    "p-is-keep",
    "inverted-scaling",
    "eval-scales",
    "predict-applies-dropout",
    "replaces-data",
    "expectation",
  ];
  const questions = ["dropout-statements", "rate-arithmetic", "paper-test-time", "forgot-eval", "eval-twice"];
  db.transaction(() => {
    const learner = db.prepare('INSERT INTO "Learner" ("id", "createdAt") VALUES (?, ?)');
    const fb = db.prepare(
      'INSERT INTO "Feedback" ("learnerId", "chapterId", "revision", "clear", "comment", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const attempt = db.prepare(
      'INSERT INTO "QuizAttempt" ("learnerId", "chapterId", "questionId", "revision", "attempt", "selected", "shownOrder", "score", "correct", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < feedbackRows; i++) {
      const id = randomUUID();
      learner.run(id, now);
      fb.run(id, CHAPTER, i % 5 ? revision : "0123456789ab", i % 3 ? 1 : 0, i % 4 ? null : `seeded comment ${i}`, now, now);
    }
    // 15 attempts per learner: 5 questions × 3 attempts, so (learner, question, attempt) stays unique.
    let id = "";
    for (let i = 0; i < attemptRows; i++) {
      if (i % 15 === 0) learner.run((id = randomUUID()), now);
      const selected = JSON.stringify([
        ...new Set(
          choices
            .filter((_, j) => (i >> j) & 1)
            .slice(0, 3)
            .concat(choices.slice(i % 7, (i % 7) + 1)),
        ),
      ]);
      attempt.run(
        id,
        CHAPTER,
        questions[i % 5],
        "seed",
        1 + (Math.floor(i / 5) % 3),
        selected,
        "[]",
        (i % 10) / 10,
        i % 10 === 9 ? 1 : 0,
        now,
      );
    }
  })();
  db.close();
}
