// Several processes are one app: a limit of 10 a minute is 10 in total, whether the processes are
// two separate servers on two ports or WEB_CONCURRENCY=2 workers on one (SQLite and PostgreSQL).
import { defined } from "@/lib/invariant";
import { feedbackVote, freshDatabase, quizInfo, query, scratchDir, startApp, stopAll, waitUntil } from "./support";

jest.setTimeout(240_000);
afterEach(stopAll);

const LIMIT = { RATE_LIMIT_PER_MINUTE: "10" };

async function votes(urls: string[], count: number, chapterRevision: string) {
  const statuses: number[] = [];
  // Sequential, alternating between the processes: each sees every other request.
  for (let i = 0; i < count; i++) statuses.push((await feedbackVote(defined(urls[i % urls.length], "a server"), chapterRevision)).status);
  return statuses;
}

it("holds across two separate server processes on one database", async () => {
  const database = await freshDatabase(scratchDir());
  const [a, b] = await Promise.all([startApp(database, LIMIT), startApp(database, LIMIT)]);
  expect(a.child.pid).not.toBe(b.child.pid);
  const { chapterRevision } = await quizInfo(a.baseURL);

  const statuses = await votes([a.baseURL, b.baseURL], 16, chapterRevision);

  // Both processes answered, and the per-IP limit (all requests come from 127.0.0.1) was shared.
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
  const counted = await query<{ n: number | string }>(database, 'SELECT COUNT(*) AS n FROM "Feedback"');
  expect(counted.map((r) => Number(r.n))).toEqual([10]);
  const served = (app: typeof a) => app.logs().filter((l) => l.msg === "request" && l.url === "/api/feedback").length;
  await waitUntil("both request logs", () => served(a) + served(b) >= 16, 10_000);
  expect([served(a), served(b)]).toEqual([8, 8]);
});

it("holds across the workers of one WEB_CONCURRENCY=2 server, which both serve requests", async () => {
  const database = await freshDatabase(scratchDir());
  const app = await startApp(database, { ...LIMIT, WEB_CONCURRENCY: "2" });
  const { chapterRevision } = await quizInfo(app.baseURL);

  // New connections are spread over the workers; keep going until both have answered (bounded).
  const pids = () =>
    new Set(
      app
        .logs()
        .filter((l) => l.msg === "request")
        .map((l) => l.pid),
    );
  for (let i = 0; i < 200 && pids().size < 2; i++) await fetch(`${app.baseURL}/api/health`, { headers: { connection: "close" } });
  await waitUntil("requests answered by two worker processes", () => pids().size === 2, 10_000);

  const statuses = await Promise.all(Array.from({ length: 16 }, () => feedbackVote(app.baseURL, chapterRevision).then((r) => r.status)));
  expect({ statuses, errors: app.logs().filter((l) => Number(l.level) >= 40) }).toMatchObject({ errors: [] });
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  const counted = await query<{ n: number | string }>(database, 'SELECT COUNT(*) AS n FROM "Feedback"');
  expect(counted.map((r) => Number(r.n))).toEqual([10]);
});
