// SIGTERM while requests are in flight: the process stops accepting, finishes every request it
// already has (streamed Ask AI answers and quiz writes), closes its database and exits 0.
import { startFakeModel } from "../support/fake-model";
import {
  CHAPTER,
  freshDatabase,
  learnerCookie,
  quizInfo,
  quizSubmission,
  query,
  scratchDir,
  sleep,
  startApp,
  stopAll,
  waitUntil,
} from "./support";

jest.setTimeout(240_000);
afterAll(stopAll);

const CHUNKS = ["Dropout ", "zeroes ", "random ", "units ", "while ", "training; ", "evaluation ", "uses ", "them ", "all."];

it("loses none of the requests in flight, refuses new connections, and exits cleanly", async () => {
  const model = await startFakeModel(CHUNKS, 150); // each answer streams for about 1.5 s
  try {
    const database = await freshDatabase(scratchDir());
    const app = await startApp(database, {
      ASK_MODEL_BASE_URL: model.baseUrl,
      RATE_LIMIT_PER_MINUTE: "1000",
      QUIZ_RATE_LIMIT_PER_MINUTE: "1000",
      NEW_LEARNERS_PER_MINUTE: "1000",
    });
    const quiz = await quizInfo(app.baseURL);

    // 12 slow streamed answers and a stream of quiz submissions from 8 clients.
    const questions = Array.from({ length: 12 }, (_, i) =>
      fetch(`${app.baseURL}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: learnerCookie(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`) },
        body: JSON.stringify({ chapterId: CHAPTER, revision: quiz.chapterRevision, question: `What does dropout do? (${i})` }),
      }).then(async (r) => ({ status: r.status, body: await r.text() })),
    );
    let terminated = false;
    const acked: string[] = [];
    const refusedAfterTerm: unknown[] = [];
    const otherFailures: unknown[] = [];
    const writers = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 500; i++) {
        const sub = quizSubmission(app.baseURL, quiz);
        try {
          const response = await sub.send();
          if (response.status === 200) acked.push(sub.learner);
          else otherFailures.push(response.status);
        } catch (error) {
          // Once SIGTERM is sent the listener closes: new connections are refused (not half-served).
          if (!terminated) otherFailures.push(error);
          else return refusedAfterTerm.push(error);
        }
      }
    });

    // Every answer has reached the model (so all 12 are in flight in the app), then SIGTERM.
    await waitUntil("all questions in flight", () => model.seen.length === 12, 60_000);
    await sleep(200);
    terminated = true;
    app.kill("SIGTERM");
    const [answers] = await Promise.all([Promise.all(questions), Promise.all(writers)]);
    const exit = await app.exited;

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(JSON.stringify({ type: "delta", text: "all." }));
      expect(answer.body.trim().split("\n").at(-1)).toBe(JSON.stringify({ type: "done" }));
    }
    expect(otherFailures).toEqual([]);
    expect(refusedAfterTerm.length).toBeGreaterThan(0); // the writers did try to go on
    expect(acked.length).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });

    const stored = await query<{ learnerId: string }>(database, 'SELECT "learnerId" FROM "QuizAttempt"');
    expect(new Set(stored.map((r) => r.learnerId))).toEqual(new Set(acked));
    const counted = await query<{ n: number }>(database, 'SELECT COUNT(*) AS n FROM "AskQuestion"');
    expect(counted.map((r) => Number(r.n))).toEqual([12]);
    const messages = app.logs().map((l) => l.msg);
    expect(messages).toContain("shutting down: no new connections, finishing requests in flight");
    expect(messages.at(-1)).toBe("shutdown complete");
  } finally {
    await model.close();
  }
});
