// The deployment shape of deploy/nginx.conf: nginx in front of two app processes on one
// PostgreSQL database. A smoke test through the proxy, then `kill -9` of one process under load:
// no acknowledged write is lost and the other process keeps serving.
import {
  CHAPTER,
  freshDatabase,
  portOf,
  quizInfo,
  quizSubmission,
  query,
  scratchDir,
  startApp,
  startProxy,
  stopAll,
  waitUntil,
} from "./support";

jest.setTimeout(300_000);
afterAll(stopAll);

it("serves through nginx and survives kill -9 of one app process mid-load", async () => {
  const database = await freshDatabase(scratchDir());
  const appEnv = { TRUST_PROXY: "1", QUIZ_RATE_LIMIT_PER_MINUTE: "100000", NEW_LEARNERS_PER_MINUTE: "100000" };
  const [a, b] = await Promise.all([startApp(database, appEnv), startApp(database, appEnv)]);
  const proxy = await startProxy([portOf(a), portOf(b)]);

  // Smoke: pages, readiness and a write, through the proxy, with the request id passed along.
  const page = await fetch(`${proxy}/courses/${CHAPTER}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Dropout");
  expect(await (await fetch(`${proxy}/api/ready`)).json()).toEqual({ ok: true, database: "up" });
  const quiz = await quizInfo(proxy);
  const first = await quizSubmission(proxy, quiz).send();
  expect(first.status).toBe(200);
  expect(first.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id

  // Load: 16 clients submitting. Once both processes have acknowledged writes under load, one is
  // killed -9; the clients go on for 5 s more against what is left.
  const acked: string[] = [];
  const results: { at: number; status: number }[] = [];
  let killedAt = Infinity;
  const clients = Array.from({ length: 16 }, async () => {
    for (let i = 0; i < 5_000 && Date.now() < killedAt + 5_000; i++) {
      const sub = quizSubmission(proxy, quiz);
      try {
        const response = await sub.send();
        await response.arrayBuffer(); // acknowledged only once the whole answer has arrived
        results.push({ at: Date.now(), status: response.status });
        if (response.status === 200) acked.push(sub.learner);
      } catch {
        results.push({ at: Date.now(), status: 0 }); // cut off: the killed process was answering it
      }
    }
  });
  const servedBy = (app: typeof a) => app.logs().filter((l) => l.msg === "request" && l.url === "/api/quiz/attempts").length;
  await waitUntil("both processes serving quiz writes", () => acked.length >= 50 && servedBy(a) >= 10 && servedBy(b) >= 10, 60_000);
  killedAt = Date.now();
  a.kill("SIGKILL");
  await Promise.all(clients);

  expect(await a.exited).toEqual({ code: null, signal: "SIGKILL" });
  expect(b.child.exitCode).toBeNull();
  // Only the requests in flight inside the killed process may fail: a 502 from the proxy, or a
  // connection cut off mid-answer (0). At most one per client.
  expect(results.filter((r) => ![200, 502, 0].includes(r.status))).toEqual([]);
  expect(results.filter((r) => r.status !== 200).length).toBeLessThanOrEqual(16);
  const afterwards = results.filter((r) => r.at > killedAt + 1_000);
  expect(afterwards.length).toBeGreaterThan(20);
  expect(afterwards.every((r) => r.status === 200)).toBe(true);
  expect(results.filter((r) => r.at < killedAt && r.status === 200).length).toBeGreaterThan(0);

  const stored = new Set((await query<{ learnerId: string }>(database, 'SELECT "learnerId" FROM "QuizAttempt"')).map((r) => r.learnerId));
  const lost = acked.filter((learner) => !stored.has(learner));
  expect(lost).toEqual([]);
  // The surviving process took over: it logged requests after the kill.
  expect(b.logs().some((l) => l.msg === "request" && typeof l.time === "number" && l.time > killedAt + 1_000)).toBe(true);
});
