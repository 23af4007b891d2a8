// Quiz submission benchmark against the production server: 64 concurrent clients for 30 s,
// next to the trivial /api/health route in the same run; every 2xx must be a stored row.
// Submissions come from signed learners minted by the app, with the ids each learner was shown.
//   node bench/quiz.mjs [seconds]
// @ts-check
import path from "node:path";
import { createRequire } from "node:module";
import { mintLearners } from "./learners.mjs";
import { describe, load } from "./load.mjs";
import { startServer } from "./server.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const SECONDS = Number(process.argv[2] ?? 30);
const CLIENTS = 64;
const CHAPTER = "optimization-regularization/regularization-techniques/dropout";

const server = await startServer();
try {
  // Signed learners minted by the app; each answers every question once (attempt 1, always a write).
  const LEARNERS = 4_000;
  const learners = await mintLearners(server.baseURL, CHAPTER, LEARNERS);
  const revision = learners[0]?.quizRevision;
  if (!revision) throw new Error("the app minted no learner");
  const slots = learners.flatMap((l) =>
    Object.entries(l.firstChoice).map(([questionId, choice]) => ({ cookie: l.cookie, questionId, selected: [choice] })),
  );
  let next = 0;
  const submission = () => {
    const slot = slots[next++ % slots.length]; // wraps (then 409s) only if the run outlasts the learners
    if (!slot) throw new Error("no question to answer");
    return {
      url: `${server.baseURL}/api/quiz/attempts`,
      init: {
        method: "POST",
        headers: { "content-type": "application/json", cookie: slot.cookie },
        body: JSON.stringify({
          chapterId: CHAPTER,
          questionId: slot.questionId,
          quizRevision: revision,
          round: 1,
          selected: slot.selected,
        }),
      },
    };
  };
  const health = () => ({ url: `${server.baseURL}/api/health`, init: {} });

  // Warm-up of both routes (first requests load modules and compile queries), not counted.
  await load({ clients: 8, seconds: 2, makeRequest: health });
  await load({ clients: 8, seconds: 2, makeRequest: submission });
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
  console.log(
    `  learners minted         ${slots.length / 5} (${slots.length} question slots, ${next} used${next > slots.length ? ": WRAPPED" : ""})`,
  );
  console.log(
    `  stored rows vs 2xx       ${stored} rows for ${quiz.ok} accepted → ${stored === quiz.ok ? "none lost" : `MISMATCH (${quiz.ok - stored})`}`,
  );
} finally {
  server.stop();
}

/** @param {string} url */
function countAttempts(url) {
  const db = new Database(path.resolve(url.replace(/^file:/, "")), { readonly: true });
  const { n } = /** @type {{ n: number }} */ (db.prepare('SELECT COUNT(*) AS n FROM "QuizAttempt"').get());
  db.close();
  return n;
}
