// A PostgreSQL restart under load: while the database is down the app answers 503 with
// Retry-After and a clear message (never 500, never a crash); when it is back, the same process
// serves again without a restart, and every acknowledged write is stored.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../support/paths";
import { feedbackVote, freePort, freshDatabase, quizInfo, quizSubmission, query, sleep, startApp, stopAll, waitUntil } from "./support";

jest.setTimeout(300_000);

const pgServer = (...args: string[]) =>
  execFileSync("bash", [path.join(ROOT, "scripts/pg-server.sh"), ...args], { encoding: "utf8" }).trim();
let pgDir: string;
let serverUrl: string;
let pgPort: number;

beforeAll(async () => {
  pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "lbr-pg-outage-"));
  pgPort = await freePort();
  serverUrl = pgServer("start", pgDir, String(pgPort));
});
afterAll(async () => {
  await stopAll();
  pgServer("stop", pgDir);
  fs.rmSync(pgDir, { recursive: true, force: true });
});

it("gives 503 with Retry-After during the outage and recovers on its own", async () => {
  const database = await freshDatabase(os.tmpdir(), serverUrl);
  const app = await startApp(database, {
    QUIZ_RATE_LIMIT_PER_MINUTE: "100000",
    NEW_LEARNERS_PER_MINUTE: "100000",
    RATE_LIMIT_PER_MINUTE: "100000",
  });
  const quiz = await quizInfo(app.baseURL);
  expect((await fetch(`${app.baseURL}/api/ready`)).status).toBe(200);

  // Four clients submit all along; the database goes away and comes back under them.
  let stop = false;
  const statuses = new Map<number, number>();
  const acked: string[] = [];
  const networkErrors: unknown[] = [];
  const clients = Array.from({ length: 4 }, async () => {
    for (let i = 0; i < 5_000 && !stop; i++) {
      const sub = quizSubmission(app.baseURL, quiz);
      try {
        const response = await sub.send();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) acked.push(sub.learner);
        await response.arrayBuffer();
      } catch (error) {
        networkErrors.push(error);
      }
      await sleep(20);
    }
  });
  await sleep(1_000);
  pgServer("stop", pgDir);

  // While it is down: 503 with Retry-After and a message saying so; liveness still fine.
  await waitUntil("a 503 for a quiz submission", async () => (await quizSubmission(app.baseURL, quiz).send()).status === 503, 60_000);
  const down = await quizSubmission(app.baseURL, quiz).send();
  expect(down.status).toBe(503);
  expect(Number(down.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(((await down.json()) as { error: string }).error).toMatch(/database is unavailable.*nothing was saved/i);
  expect((await feedbackVote(app.baseURL, quiz.chapterRevision)).status).toBe(503);
  const ready = await fetch(`${app.baseURL}/api/ready`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ ok: false, reason: "database unavailable" });
  expect((await fetch(`${app.baseURL}/api/health`)).status).toBe(200);
  await sleep(1_000);

  pgServer("start", pgDir, String(pgPort));
  await waitUntil("quiz submissions succeeding again", async () => (await quizSubmission(app.baseURL, quiz).send()).status === 200, 60_000);
  await sleep(1_000);
  stop = true;
  await Promise.all(clients);

  expect(app.child.exitCode).toBeNull(); // the same process, never restarted
  expect((await fetch(`${app.baseURL}/api/ready`)).status).toBe(200);
  expect(networkErrors).toEqual([]);
  expect([...statuses.keys()].filter((s) => s !== 200 && s !== 503)).toEqual([]); // no 500, nothing else
  expect(statuses.get(503)).toBeGreaterThan(0);
  const stored = new Set((await query<{ learnerId: string }>(database, 'SELECT "learnerId" FROM "QuizAttempt"')).map((r) => r.learnerId));
  for (const learner of acked) expect(stored.has(learner)).toBe(true);
});
