// Operating the app as `npm start` does: migrations run on every start while other processes
// serve the same database (SQLite file or PostgreSQL), and a rolling restart of two processes
// behind nginx under load fails no request.
import {
  CHAPTER,
  deploy,
  freshDatabase,
  portOf,
  query,
  quizInfo,
  quizSubmission,
  scratchDir,
  startApp,
  startProxy,
  stopAll,
  waitUntil,
  type App,
} from "./support";

jest.setTimeout(300_000);
afterAll(stopAll);

const appEnv = {
  TRUST_PROXY: "1",
  QUIZ_RATE_LIMIT_PER_MINUTE: "100000",
  NEW_LEARNERS_PER_MINUTE: "100000",
  RATE_LIMIT_PER_MINUTE: "100000",
};

it("applies pending migrations while a process serves the database, and two deploys at once apply each migration once", async () => {
  const database = await freshDatabase(scratchDir(), undefined, { migrated: false });
  const serving = await startApp(database, appEnv); // on an empty database: it answers, it cannot store yet
  expect((await fetch(`${serving.baseURL}/api/ready`)).status).toBe(200);

  const [first, second] = await Promise.all([deploy(database), deploy(database)]);
  expect([first.code, second.code]).toEqual([0, 0]);
  const applied = await query<{ migration_name: string }>(database, 'SELECT migration_name FROM "_prisma_migrations"');
  expect(applied.length).toBeGreaterThanOrEqual(9);
  expect(new Set(applied.map((r) => r.migration_name)).size).toBe(applied.length);
  // One of the two applied them; the other found nothing left.
  expect([first.output, second.output].filter((o) => /up to date/.test(o))).toHaveLength(1);

  // A third start while the process serves: nothing to migrate, and it says so.
  const again = await deploy(database);
  expect(again).toEqual({ code: 0, output: expect.stringMatching(/up to date/) });
  const quiz = await quizInfo(serving.baseURL);
  expect((await quizSubmission(serving.baseURL, quiz).send()).status).toBe(200);
});

it("restarts two processes one at a time under load without a failed request", async () => {
  const database = await freshDatabase(scratchDir());
  let a = await startApp(database, appEnv);
  let b = await startApp(database, appEnv);
  const proxy = await startProxy([portOf(a), portOf(b)]);
  const quiz = await quizInfo(proxy);

  const failures: string[] = [];
  const acked: string[] = [];
  let served = 0;
  let done = false;
  const writer = async () => {
    while (!done) {
      const sub = quizSubmission(proxy, quiz);
      try {
        const response = await sub.send();
        await response.arrayBuffer();
        if (response.status === 200) acked.push(sub.learner);
        else failures.push(`quiz ${response.status}`);
      } catch (error) {
        failures.push(`quiz ${String(error)}`);
      }
    }
  };
  const reader = async () => {
    while (!done) {
      try {
        const response = await fetch(`${proxy}/courses/${CHAPTER}`);
        await response.arrayBuffer();
        if (response.status === 200) served++;
        else failures.push(`page ${response.status}`);
      } catch (error) {
        failures.push(`page ${String(error)}`);
      }
    }
  };
  const clients = [...Array.from({ length: 6 }, writer), ...Array.from({ length: 2 }, reader)];

  /** What `npm start` does for one process: stop it (SIGTERM), migrate, serve again on its port. */
  const restart = async (app: App): Promise<App> => {
    const before = acked.length;
    app.kill("SIGTERM");
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const migrated = await deploy(database);
    expect(migrated.code).toBe(0);
    const fresh = await startApp(database, appEnv, portOf(app));
    // The other process carried the load meanwhile.
    expect(acked.length).toBeGreaterThan(before);
    return fresh;
  };

  await waitUntil("load through both processes", () => acked.length >= 30, 60_000);
  a = await restart(a);
  await waitUntil(
    "the restarted process serving",
    () => a.logs().some((l) => l.msg === "request" && l.url === "/api/quiz/attempts"),
    30_000,
  );
  b = await restart(b);
  await waitUntil(
    "the second restarted process serving",
    () => b.logs().some((l) => l.msg === "request" && l.url === "/api/quiz/attempts"),
    30_000,
  );
  done = true;
  await Promise.all(clients);

  expect(failures).toEqual([]);
  expect(served).toBeGreaterThan(10);
  const stored = new Set((await query<{ learnerId: string }>(database, 'SELECT "learnerId" FROM "QuizAttempt"')).map((r) => r.learnerId));
  expect(acked.filter((learner) => !stored.has(learner))).toEqual([]);
});
