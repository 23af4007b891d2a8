// The quiz API against a real database: grading, storage, attempt limits under concurrency,
// per-learner choice order and opaque ids, feedback policy, retakes, stale pages, and input
// that must be refused without writing anything.
import { randomUUID } from "node:crypto";
import { POST } from "@/app/api/quiz/attempts/route";
import { POST as RETAKE } from "@/app/api/quiz/retake/route";
import { GET } from "@/app/api/quiz/state/route";
import { getChapterById } from "@/lib/content/course.server";
import { defined } from "@/lib/invariant";
import { choiceView } from "@/lib/quiz/order";
import { getQuiz, type LoadedChoiceQuestion } from "@/lib/quiz/quiz.server";
import type { QuizState } from "@/lib/quiz/types";
import { countRows, db, resetDb } from "../support/db";
import { FIXTURE_STATEMENTS_CHAPTER } from "../support/content-dirs";
import { learnerCookieOf, request, signed, TEST_LEARNER_SECRET } from "../support/requests";

const CHAPTER = FIXTURE_STATEMENTS_CHAPTER.id;
const loaded = getQuiz(getChapterById(CHAPTER)!)!;
// A fixed quiz of choice questions only (the fixture "statements" chapter).
const quiz = { ...loaded, questions: loaded.questions as LoadedChoiceQuestion[] };
const choiceQuestions = quiz.questions;
const statements = choiceQuestions.find((q) => q.id === "dropout-statements")!;
const single = choiceQuestions.find((q) => q.type === "single")!;
const right = statements.choices.filter((c) => c.correct).map((c) => c.id);
const firstRight = defined(right[0], "a right answer to the statements question");
const learner = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c";
const key = Buffer.from(TEST_LEARNER_SECRET, "utf8");

/** What `who` sees of a question in a round: the server's order and ids, computed independently. */
const viewOf = (q: LoadedChoiceQuestion, who = learner, round = 1) =>
  choiceView(
    key,
    { learnerId: who, quizRevision: quiz.quizRevision, questionId: q.id, round },
    q.choices.map((c) => c.id),
    q.shuffle,
  );
const shown = (ids: string[], q = statements, who = learner, round = 1) => ids.map((id) => viewOf(q, who, round).publicId.get(id)!);

const body = (over: Record<string, unknown> = {}) => ({
  chapterId: CHAPTER,
  questionId: statements.id,
  quizRevision: quiz.quizRevision,
  round: 1,
  selected: shown(right),
  ...over,
});
const submit = (over: Record<string, unknown> = {}, who: string | null = learner) =>
  POST(request("/api/quiz/attempts", { body: body(over), learner: who ?? undefined }));
const stateOf = async (who = learner): Promise<QuizState> =>
  (await GET(request(`/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`, { learner: who }))).json();
const retake = (round: number, who = learner) =>
  RETAKE(request("/api/quiz/retake", { body: { chapterId: CHAPTER, quizRevision: quiz.quizRevision, round }, learner: who }));

beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("grades a wrong answer, stores it in authoring ids with the order shown, and says no more than the policy allows", async () => {
  const response = await submit({ selected: shown([firstRight, "p-is-keep"]) });
  expect(response.status).toBe(200);
  const { result, progress } = await response.json();
  // Under "finished" feedback an unfinished attempt is only "not yet": "partly right" against
  // "none right" would tell each choice of a one-choice submission right from wrong.
  expect(result).toMatchObject({
    verdict: "incorrect",
    score: 0,
    attempt: 1,
    attemptsUsed: 1,
    maxAttempts: 3,
    canRetry: true,
    revealed: false,
  });
  // choiceFeedback: finished, no showCorrectCount: no marks, no count of right answers yet.
  expect(result.summary).toBe("Not right yet.");
  expect(
    result.choices.every((c: { correct?: boolean; rationaleHtml?: string }) => c.correct === undefined && c.rationaleHtml === undefined),
  ).toBe(true);
  expect(result.choices.map((c: { id: string }) => c.id)).toEqual(
    viewOf(statements).order.map((id) => viewOf(statements).publicId.get(id)),
  );
  expect(progress).toMatchObject({ bestScore: 0, roundScore: 0, answeredAll: false, passed: false, passingScore: 0.7 });

  const rows = await db.quizAttempt.findMany();
  expect(rows).toHaveLength(1);
  const row = defined(rows[0], "the stored attempt");
  expect(row).toMatchObject({
    learnerId: learner,
    chapterId: CHAPTER,
    questionId: statements.id,
    revision: quiz.quizRevision,
    round: 1,
    attempt: 1,
    score: 0,
    correct: false,
  });
  expect(JSON.parse(row.selected)).toEqual([firstRight, "p-is-keep"]);
  expect(JSON.parse(row.shownOrder)).toEqual(viewOf(statements).order);
});

it("select-all harvesting: no per-choice marks until the question is finished, and other learners' ids are useless", async () => {
  const all = statements.choices.map((c) => c.id);
  const harvested = await (await submit({ selected: shown(all) })).json();
  expect(harvested.result.choices.some((c: { correct?: boolean }) => c.correct !== undefined)).toBe(false);
  expect(harvested.result.summary).not.toMatch(/\d/); // not even how many are right
  // A throwaway learner's ids mean nothing for the real learner.
  const throwaway = randomUUID();
  const foreign = await submit({ selected: shown(right, statements, throwaway) });
  expect(foreign.status).toBe(400);
  expect((await foreign.json()).error).toMatch(/Unknown choice/);
  // Out of attempts: now finished, the marks (and the solution) are shown.
  await submit({ selected: shown(all) });
  const last = await (await submit({ selected: shown(all) })).json();
  expect(last.result).toMatchObject({ canRetry: false, revealed: true });
  expect(last.result.choices.every((c: { correct?: boolean }) => typeof c.correct === "boolean")).toBe(true);
});

it("first-choice guessing: the right answer is first for about 1 in n learners, as the page shows it", async () => {
  const n = 60;
  let first = 0;
  for (let i = 0; i < n; i++) {
    const response = await GET(request(`/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`));
    const cookie = learnerCookieOf(response).value!;
    const state: QuizState = await response.json();
    const [id] = cookie.split(".");
    const correctShown = viewOf(single, defined(id, "the cookie's learner id")).publicId.get(single.choices.find((c) => c.correct)!.id);
    const { choices } = defined(state.questions[single.id], "the single-choice question's state");
    if (defined(choices?.[0], "its first choice").id === correctShown) first++;
  }
  expect(first / n).toBeLessThan(0.5); // authoring order put it first for everyone
  expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
});

it("never sends authoring ids or the authoring order in the state", async () => {
  const state = await stateOf();
  const text = JSON.stringify(state);
  for (const q of choiceQuestions) for (const c of q.choices) expect(text).not.toContain(`"${c.id}"`);
  expect(state.questions[statements.id]?.choices?.map((c) => c.id)).toEqual(shown(viewOf(statements).order));
  expect(await stateOf()).toEqual(state); // stable on reload
});

it("accepts the right answer on a later attempt, reveals the solution, and refuses more (with the state)", async () => {
  await submit({ selected: shown(["p-is-keep"]) });
  const second = await (await submit()).json();
  expect(second.result).toMatchObject({ verdict: "correct", score: 1, attempt: 2, revealed: true, canRetry: false, summary: "Correct!" });
  expect(second.result.explanationHtml).toContain("inverted dropout");
  const again = await submit();
  expect(again.status).toBe(409);
  const refused = await again.json();
  expect(refused.error).toMatch(/already answered this question correctly/);
  // A second tab learns where the learner is instead of offering a Check that fails.
  expect(refused.details.state.questions[statements.id]).toMatchObject({ attemptsUsed: 2, last: { verdict: "correct" } });
  expect(await db.quizAttempt.count()).toBe(2);
});

it("shows the count of right answers only where the author asked for it", async () => {
  const state = await stateOf();
  for (const q of choiceQuestions)
    expect(state.questions[q.id]?.correctCount).toBe(q.showCorrectCount ? q.choices.filter((c) => c.correct).length : undefined);
  expect(choiceQuestions.some((q) => q.showCorrectCount)).toBe(true);
});

it("under 'finished' feedback, a one-choice submission says the same whether that choice is right or wrong", async () => {
  const right = statements.choices.find((c) => c.correct)!.id;
  const wrong = statements.choices.find((c) => !c.correct)!.id;
  const a = (await (await submit({ selected: shown([right]) }, learner)).json()).result;
  const other = randomUUID();
  const b = (await (await submit({ selected: shown([wrong], statements, other) }, other)).json()).result;
  const strip = (r: { summary: string; verdict: string; score: number; feedbackHtml?: string }) => [
    r.summary,
    r.verdict,
    r.score,
    r.feedbackHtml,
  ];
  expect(strip(a)).toEqual(strip(b));
});

it("updates the chapter's quiz score and marks it passed at the passing score", async () => {
  for (const q of quiz.questions) {
    const selected = shown(
      q.choices.filter((c) => c.correct).map((c) => c.id),
      q,
    );
    expect((await submit({ questionId: q.id, selected })).status).toBe(200);
  }
  const progress = await db.chapterProgress.findUniqueOrThrow({
    where: { learnerId_chapterId: { learnerId: learner, chapterId: CHAPTER } },
  });
  expect(progress.quizBestScore).toBe(1);
  expect(progress.quizPassedAt).not.toBeNull();
  expect((await stateOf()).progress).toMatchObject({ bestScore: 1, roundScore: 1, answeredAll: true, passed: true, canRetake: true });
});

it("offers a retake once the pass mark is out of reach: new order and ids, attempts reset, best score kept", async () => {
  expect((await retake(1)).status).toBe(409); // nothing answered yet: no progress row, no retake
  // Two questions failed outright: with five or six questions, 3/5 or 4/6 < 0.7 is the most this round can give.
  const failing = quiz.questions.slice(0, 2);
  for (const q of failing) {
    const wrong = q.choices.find((c) => !c.correct)!.id;
    for (let i = 0; i < q.maxAttempts; i++) await submit({ questionId: q.id, selected: shown([wrong], q) });
  }
  const third = defined(quiz.questions[2], "a third question");
  await submit({
    questionId: third.id,
    selected: shown(
      third.choices.filter((c) => c.correct).map((c) => c.id),
      third,
    ),
  });
  const before = await stateOf();
  // The two failed questions showed their solutions (reveal after 3 attempts): the round can no longer pass.
  expect(before.progress).toMatchObject({ passReachable: false, canRetake: true, answeredAll: false, passed: false, passBlocked: true });

  const response = await retake(1);
  expect(response.status).toBe(200);
  const after: QuizState = await response.json();
  expect(after.round).toBe(2);
  expect(after.progress).toMatchObject({
    roundScore: 0,
    answeredAll: false,
    passReachable: true,
    canRetake: false,
    passBlocked: false,
    // A round that showed solutions records no best score either: its keys were there to copy.
    bestScore: 0,
  });
  for (const q of quiz.questions) {
    expect(after.questions[q.id]).toMatchObject({ attemptsUsed: 0, last: null });
    const oldIds = new Set(defined(before.questions[q.id]?.choices, `${q.id} before the retake`).map((c) => c.id));
    expect(defined(after.questions[q.id]?.choices, `${q.id} after the retake`).some((c) => oldIds.has(c.id))).toBe(false);
  }
  // A stale tab still on round 1: told, and given the new round.
  const stale = await submit({
    questionId: third.id,
    round: 1,
    selected: shown(
      third.choices.filter((c) => c.correct).map((c) => c.id),
      third,
    ),
  });
  expect(stale.status).toBe(409);
  expect((await stale.json()).details.state.round).toBe(2);
  expect((await retake(1)).status).toBe(409); // the same retake twice starts one round only
  // Round 2 answers are stored as such; the earlier ones stay for the authors' statistics.
  expect(
    (await submit({ questionId: third.id, round: 2, selected: shown([third.choices.find((c) => !c.correct)!.id], third, learner, 2) }))
      .status,
  ).toBe(200);
  expect(await db.quizAttempt.count({ where: { round: 1 } })).toBe(7);
  expect(await db.quizAttempt.count({ where: { round: 2 } })).toBe(1);
  const progress = await db.chapterProgress.findUniqueOrThrow({
    where: { learnerId_chapterId: { learnerId: learner, chapterId: CHAPTER } },
  });
  expect(progress.quizBestScore).toBe(0);
});

it("enforces the attempt limit under concurrent submissions", async () => {
  const wrong = { selected: shown(["p-is-keep"]) };
  const responses = await Promise.all(Array.from({ length: 12 }, () => submit(wrong)));
  const statuses = responses.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(3);
  expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  const attempts = await db.quizAttempt.findMany({ select: { attempt: true }, orderBy: { attempt: "asc" } });
  expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
  const refused = await Promise.all(responses.filter((r) => r.status === 409).map((r) => r.json()));
  expect(refused.map((r) => r.error)).toContain("You have used all 3 attempts for this question.");
});

it("writes many learners' concurrent submissions (grouped into shared transactions): one row per answer, every score right", async () => {
  const learners = Array.from({ length: 24 }, () => randomUUID());
  const questions = [statements, single];
  const rightOf = (q: typeof statements) => q.choices.filter((c) => c.correct).map((c) => c.id);
  const transactions = jest.spyOn(db, "$transaction");
  const responses = await Promise.all(
    learners.flatMap((who, i) =>
      questions.map((q) =>
        POST(
          request("/api/quiz/attempts", {
            body: body({ questionId: q.id, selected: shown(rightOf(q), q, who) }),
            learner: who,
            headers: { "x-forwarded-for": `10.77.0.${i}` },
          }),
        ),
      ),
    ),
  );
  // Submissions that arrive while a write is running share the next one (fewer transactions than answers).
  expect(transactions.mock.calls.length).toBeGreaterThan(0);
  expect(transactions.mock.calls.length).toBeLessThan(learners.length * questions.length);
  transactions.mockRestore();
  expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
  const results = await Promise.all(responses.map((r) => r.json()));
  expect(results.map((r) => r.result.attempt)).toEqual(results.map(() => 1));
  expect(await db.quizAttempt.count()).toBe(learners.length * questions.length);
  expect(await db.learner.count()).toBe(learners.length);
  // Each learner's two right answers, whichever was written first: 2 of n questions.
  const progress = await db.chapterProgress.findMany({ select: { learnerId: true, quizBestScore: true, quizPassedAt: true } });
  expect(progress.map((p) => p.learnerId).sort()).toEqual([...learners].sort());
  for (const p of progress) expect([p.learnerId, p.quizBestScore, p.quizPassedAt]).toEqual([p.learnerId, 2 / quiz.questions.length, null]);
});

it("recovers when another server process took the same attempt number first", async () => {
  await submit({ selected: shown(["p-is-keep"]) });
  // Simulate the race: this server's read happened before the other process's insert.
  const stale = jest.spyOn(db.quizAttempt, "findMany").mockResolvedValueOnce([] as never);
  const response = await submit({ selected: shown(["p-is-keep"]) });
  stale.mockRestore();
  expect(response.status).toBe(200);
  expect((await response.json()).result.attempt).toBe(2);
  const attempts = await db.quizAttempt.findMany({ select: { attempt: true }, orderBy: { attempt: "asc" } });
  expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
});

it("stores a new learner who shares a write group with stored ones; refused input stores nobody", async () => {
  await submit({ selected: shown(["p-is-keep"]) });
  const newcomer = randomUUID();
  const [mine, theirs, refused] = await Promise.all([
    submit({ selected: shown(["p-is-keep"]) }),
    submit({ selected: shown(["p-is-keep"], statements, newcomer) }, newcomer),
    submit({ questionId: "no-such-question" }, randomUUID()),
  ]);
  expect([mine.status, theirs.status, refused.status]).toEqual([200, 200, 404]);
  expect((await db.learner.findMany({ select: { id: true } })).map((l) => l.id).sort()).toEqual([learner, newcomer].sort());
  expect(await db.quizAttempt.count()).toBe(3);
});

it("gives a new browser an empty state and a signed cookie, without storing anything", async () => {
  const response = await GET(request(`/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`));
  expect(response.status).toBe(200);
  const cookie = learnerCookieOf(response).value!;
  expect(cookie).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
  const [id] = cookie.split(".");
  expect(signed(defined(id, "the cookie's learner id"))).toBe(cookie);
  expect((await response.json()).questions[statements.id].attemptsUsed).toBe(0);
  expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
});

describe("a forged learner cookie is not a learner", () => {
  it.each([
    ["a bare UUID (the old format anyone could make up)", learner],
    ["a UUID with a made-up signature", `${learner}.${"A".repeat(43)}`],
    ["another learner's signature", `${learner}.${signed(randomUUID()).split(".")[1]}`],
  ])("%s: writes refused, reads get a fresh learner", async (_what, cookie) => {
    const write = await POST(request("/api/quiz/attempts", { body: body(), rawLearner: cookie }));
    expect(write.status).toBe(400);
    expect((await write.json()).error).toMatch(/learner cookie is not valid/);
    expect(learnerCookieOf(write).header).toMatch(/lbr_learner=;/);
    const read = await GET(request(`/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`, { rawLearner: cookie }));
    expect(read.status).toBe(200);
    const fresh = learnerCookieOf(read).value!;
    expect(fresh.split(".")[0]).not.toBe(learner);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });
});

describe("refused without writing anything", () => {
  it.each<[string, Record<string, unknown> | string, number, RegExp, "valid" | "none"]>([
    ["wrong types", { selected: "x", round: "1" }, 400, /selected|round/, "valid"],
    ["an empty selection", { selected: [] }, 400, /select at least one answer/, "valid"],
    ["an unknown question", { questionId: "no-such-question" }, 404, /Unknown question "no-such-question"/, "valid"],
    ["an unknown chapter", { chapterId: "a/b/c" }, 404, /No quiz for chapter "a\/b\/c"/, "valid"],
    ["an authoring id", { selected: ["p-is-keep"] }, 400, /choice id from this page/, "valid"],
    ["an unknown choice", { selected: ["AAAAAAAAAAAA"] }, 400, /Unknown choice/, "valid"],
    ["a duplicated choice", { selected: [...shown([firstRight]), ...shown([firstRight])] }, 400, /more than once/, "valid"],
    ["a huge selection", { selected: Array.from({ length: 5000 }, () => "AAAAAAAAAAAA") }, 413, /larger than/, "valid"],
    ["too many choices", { selected: Array.from({ length: 13 }, () => "AAAAAAAAAAAA") }, 400, /selected/, "valid"],
    ["a stale quiz revision", { quizRevision: "0123456789ab" }, 409, /quiz was updated/, "valid"],
    ["the old field name", { revision: quiz.quizRevision }, 400, /revision/, "valid"],
    ["an extra field", { correct: true }, 400, /correct/, "valid"],
    ["not JSON", "{oops", 400, /not valid JSON/, "valid"],
    ["a missing cookie", {}, 401, /No learner cookie/, "none"],
  ])("%s", async (_name, over, status, message, who) => {
    const cookie = who === "none" ? null : learner;
    const response =
      typeof over === "string"
        ? await POST(request("/api/quiz/attempts", { rawBody: over, learner: cookie ?? undefined }))
        : await submit(over, cookie);
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });

  it("rejects a state query without a chapter", async () => {
    const response = await GET(request("/api/quiz/state?chapter=x"));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/chapterId/);
  });
});
