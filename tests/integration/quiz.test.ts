// The quiz API against a real database: grading, storage, attempt limits under concurrency,
// resume, progress, and input that must be refused without writing anything.
import { POST } from "@/app/api/quiz/attempts/route";
import { GET } from "@/app/api/quiz/state/route";
import { getChapterById } from "@/lib/content/course.server";
import { getQuiz } from "@/lib/quiz/quiz.server";
import { countRows, db, resetDb } from "../support/db";
import { learnerCookieOf, request } from "../support/requests";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const quiz = getQuiz(getChapterById(CHAPTER)!)!;
const statements = quiz.questions.find((q) => q.id === "dropout-statements")!;
const order = statements.choices.map((c) => c.id).reverse();
const right = statements.choices.filter((c) => c.correct).map((c) => c.id);
const learner = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c";

const body = (over: Record<string, unknown> = {}) => ({
  chapterId: CHAPTER,
  questionId: statements.id,
  revision: quiz.revision,
  selected: right,
  shownOrder: order,
  ...over,
});
const submit = (over: Record<string, unknown> = {}, who: string | null = learner) =>
  POST(request("/api/quiz/attempts", { body: body(over), learner: who ?? undefined }));

beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("grades a wrong answer, stores it with revision and shown order, and explains", async () => {
  const response = await submit({ selected: [right[0], "p-is-keep"] });
  expect(response.status).toBe(200);
  const { result, progress } = await response.json();
  expect(result).toMatchObject({ verdict: "partial", score: 0, attempt: 1, attemptsUsed: 1, maxAttempts: 3, canRetry: true, revealed: false });
  expect(result.summary).toBe("You got 1 of 3 right, and 1 of your choices is wrong.");
  const wrong = result.choices.find((c: { id: string }) => c.id === "p-is-keep");
  expect(wrong).toMatchObject({ selected: true, correct: false });
  expect(wrong.rationaleHtml).toContain("drop probability");
  // Choices the learner did not pick stay unmarked until the solution is revealed.
  expect(result.choices.find((c: { id: string }) => c.id === right[1])).toEqual({ id: right[1], selected: false });
  expect(progress).toEqual({ bestScore: 0, passed: false, passingScore: 0.7 });

  const rows = await db.quizAttempt.findMany();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ learnerId: learner, chapterId: CHAPTER, questionId: statements.id, revision: quiz.revision, attempt: 1, score: 0, correct: false });
  expect(JSON.parse(rows[0].selected)).toEqual([right[0], "p-is-keep"]);
  expect(JSON.parse(rows[0].shownOrder)).toEqual(order);
});

it("accepts the right answer on a later attempt, reveals the solution, and refuses more", async () => {
  await submit({ selected: ["p-is-keep"] });
  const second = await (await submit()).json();
  expect(second.result).toMatchObject({ verdict: "correct", score: 1, attempt: 2, revealed: true, canRetry: false });
  expect(second.result.explanationHtml).toContain("inverted dropout");
  expect(second.result.choices.every((c: { correct?: boolean }) => typeof c.correct === "boolean")).toBe(true);
  const again = await submit();
  expect(again.status).toBe(409);
  expect((await again.json()).error).toMatch(/already answered this question correctly/);
  expect(await db.quizAttempt.count()).toBe(2);
});

it("updates the chapter's quiz score and marks it passed at the passing score", async () => {
  const answer = async (q: (typeof quiz.questions)[number]) => {
    const selected = q.choices.filter((c) => c.correct).map((c) => c.id);
    return (await submit({ questionId: q.id, selected, shownOrder: q.choices.map((c) => c.id) })).json();
  };
  const scores: number[] = [];
  for (const q of quiz.questions) scores.push((await answer(q)).progress.bestScore);
  expect(scores.at(-1)).toBe(1);
  const progress = await db.chapterProgress.findUniqueOrThrow({ where: { learnerId_chapterId: { learnerId: learner, chapterId: CHAPTER } } });
  expect(progress.quizBestScore).toBe(1);
  expect(progress.quizPassedAt).not.toBeNull();
  expect(progress.readAt).toBeNull();
});

it("enforces the attempt limit under concurrent submissions", async () => {
  const wrong = { selected: ["p-is-keep"] };
  const responses = await Promise.all(Array.from({ length: 12 }, () => submit(wrong)));
  const statuses = responses.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(3);
  expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  const attempts = await db.quizAttempt.findMany({ select: { attempt: true }, orderBy: { attempt: "asc" } });
  expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
  const refused = await Promise.all(responses.filter((r) => r.status === 409).map((r) => r.json()));
  expect(refused[0].error).toBe("You have used all 3 attempts for this question.");
});

it("recovers when another server process took the same attempt number first", async () => {
  await submit({ selected: ["p-is-keep"] });
  // Simulate the race: this server's read happened before the other process's insert.
  const stale = jest.spyOn(db.quizAttempt, "findMany").mockResolvedValueOnce([] as never);
  const response = await submit({ selected: ["p-is-keep"] });
  stale.mockRestore();
  expect(response.status).toBe(200);
  expect((await response.json()).result.attempt).toBe(2);
  const attempts = await db.quizAttempt.findMany({ select: { attempt: true }, orderBy: { attempt: "asc" } });
  expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
});

it("resumes: the state shows attempts used and the last result", async () => {
  await submit({ selected: [right[0]] });
  const response = await GET(request(`/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`, { learner }));
  expect(response.status).toBe(200);
  const state = await response.json();
  expect(state.revision).toBe(quiz.revision);
  expect(state.questions[statements.id]).toMatchObject({ attemptsUsed: 1, maxAttempts: 3, last: { verdict: "partial", summary: "You got 1 of 3 right." } });
  expect(state.questions["rate-arithmetic"]).toEqual({ attemptsUsed: 0, maxAttempts: 3, last: null });
});

it("gives a new browser an empty state and a cookie, without storing anything", async () => {
  const response = await GET(request(`/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`));
  expect(response.status).toBe(200);
  expect(learnerCookieOf(response).value).toMatch(/^[0-9a-f-]{36}$/);
  expect((await response.json()).questions[statements.id].attemptsUsed).toBe(0);
  expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
});

describe("refused without writing anything", () => {
  it.each<[string, Record<string, unknown> | string, number, RegExp, "valid" | "none" | string]>([
    ["wrong types", { selected: "drop-with-p", shownOrder: 3 }, 400, /selected.*shownOrder/, "valid"],
    ["an empty selection", { selected: [] }, 400, /select at least one answer/, "valid"],
    ["an unknown question", { questionId: "no-such-question" }, 404, /Unknown question "no-such-question"/, "valid"],
    ["an unknown chapter", { chapterId: "a/b/c" }, 404, /No quiz for chapter "a\/b\/c"/, "valid"],
    ["an unknown choice", { selected: ["drop-with-p", "made-up"] }, 400, /Unknown choice "made-up"/, "valid"],
    ["a duplicated choice", { selected: ["drop-with-p", "drop-with-p"] }, 400, /more than once/, "valid"],
    ["a huge selection", { selected: Array.from({ length: 5000 }, (_, i) => `c${i}`) }, 413, /larger than/, "valid"],
    ["too many choices", { selected: Array.from({ length: 13 }, (_, i) => `c${i}`) }, 400, /selected/, "valid"],
    ["a shown order that is not the question's choices", { shownOrder: ["drop-with-p", "p-is-keep"] }, 400, /shownOrder must list each/, "valid"],
    ["a stale revision", { revision: "0123456789ab" }, 409, /quiz was updated/, "valid"],
    ["an extra field", { correct: true }, 400, /correct/, "valid"],
    ["not JSON", "{oops", 400, /not valid JSON/, "valid"],
    ["a missing cookie", {}, 401, /No learner cookie/, "none"],
    ["a malformed cookie", {}, 400, /learner cookie is not valid/, "../../etc/passwd"],
  ])("%s", async (_name, over, status, message, who) => {
    const cookie = who === "none" ? null : who === "valid" ? learner : who;
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
