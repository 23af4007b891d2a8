// Item banks against a real database: each learner's round is drawn from the bank with numbers
// of its own; numbers, orders and choices are graded on the server; solutions show when the round
// ends; and a harvest (one learner fails a round to see its keys, retakes, and a second learner
// copies them) reaches no pass without computing the computed items.
import { randomUUID } from "node:crypto";
import { POST } from "@/app/api/quiz/attempts/route";
import { POST as RETAKE } from "@/app/api/quiz/retake/route";
import { GET } from "@/app/api/quiz/state/route";
import { getChapterById } from "@/lib/content/course.server";
import { getQuiz } from "@/lib/quiz/quiz.server";
import type { QuestionState, QuizState } from "@/lib/quiz/types";
import { db, resetDb } from "../support/db";
import { FIXTURE_BANK_CHAPTER } from "../support/content-dirs";
import { solveBankQuestion as solve } from "../support/bank-answers";
import { request } from "../support/requests";

// A harvest replay is a few hundred requests: room for a loaded machine.
jest.setTimeout(60_000);

const CHAPTER = FIXTURE_BANK_CHAPTER.id;
const quiz = getQuiz(getChapterById(CHAPTER)!)!;
const VARYING = new Set(["crate-cost", "crates-needed", "blue-share", "sum-listing"]);

const stateOf = async (who: string): Promise<QuizState> =>
  (await GET(request(`/api/quiz/state?chapterId=${encodeURIComponent(CHAPTER)}`, { learner: who }))).json();
const submit = (who: string, round: number, questionId: string, answer: Record<string, unknown>) =>
  POST(
    request("/api/quiz/attempts", {
      body: { chapterId: CHAPTER, questionId, quizRevision: quiz.quizRevision, round, ...answer },
      learner: who,
    }),
  );
const retake = (who: string, round: number) =>
  RETAKE(request("/api/quiz/retake", { body: { chapterId: CHAPTER, quizRevision: quiz.quizRevision, round }, learner: who }));

/** A wrong answer of the right shape. */
function miss(q: QuestionState): Record<string, unknown> {
  if (q.steps) return { order: q.steps.map((s) => s.id) }; // never starts in the right order
  if (q.choices) {
    const right = solve(q).selected as string[];
    return { selected: [q.choices.find((c) => !right.includes(c.id))!.id] };
  }
  return { value: "987654" };
}

beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("draws 6 of the 10 items per learner, at least 40% with numbers of their own, and sends no key", async () => {
  const a = await stateOf(randomUUID());
  expect(a.order).toHaveLength(6);
  expect(a.order.filter((id) => VARYING.has(id)).length).toBeGreaterThanOrEqual(3);
  const text = JSON.stringify(a);
  expect(text).not.toMatch(/"correct"|"answer"|"keyText"|"explanationHtml"|"rationale/);
  for (const q of quiz.questions) if (q.kind === "choice") for (const c of q.choices) expect(text).not.toContain(`"${c.id}"`);
  // Other learners get other rounds and other numbers.
  const rounds = await Promise.all(Array.from({ length: 8 }, () => stateOf(randomUUID())));
  expect(new Set(rounds.map((s) => s.order.join())).size).toBeGreaterThan(1);
  const prompts = rounds.flatMap((s) =>
    Object.values(s.questions)
      .filter((q) => q.id === "crate-cost")
      .map((q) => q.promptHtml),
  );
  expect(new Set(prompts).size).toBeGreaterThan(1);
});

it("grades typed numbers, orders and choices on the server; refuses what is not a number", async () => {
  const who = randomUUID();
  const state = await stateOf(who);
  const numeric = state.order.map((id) => state.questions[id]!).find((q) => !q.choices && !q.steps)!;
  const bad = await submit(who, 1, numeric.id, { value: "twelve" });
  expect(bad.status).toBe(400);
  expect((await bad.json()).error).toMatch(/"twelve" is not a number/);
  const wrongShape = await submit(who, 1, numeric.id, { selected: ["abcdefghijkl"] });
  expect(wrongShape.status).toBe(400);
  expect(await db.quizAttempt.count()).toBe(0);
  for (const id of state.order) {
    const response = await submit(who, 1, id, solve(state.questions[id]!));
    expect(response.status).toBe(200);
    expect((await response.json()).result.verdict).toBe("correct");
  }
  const after = await stateOf(who);
  expect(after.progress).toMatchObject({ roundScore: 1, passed: true, roundFinished: true });
  // The round is over: every question shows its solution.
  for (const id of after.order) expect(after.questions[id]!.last).toMatchObject({ revealed: true });
  const stored = await db.quizAttempt.findMany({ where: { questionId: { in: [...VARYING] } }, select: { params: true, informed: true } });
  for (const row of stored) expect(JSON.parse(row.params!)).toEqual(expect.any(Object));
});

it("keeps solutions until the round is finished", async () => {
  const who = randomUUID();
  const state = await stateOf(who);
  const [first, ...rest] = state.order;
  const r = await (await submit(who, 1, first!, miss(state.questions[first!]!))).json();
  const r2 = await (await submit(who, 1, first!, miss(state.questions[first!]!))).json();
  for (const result of [r.result, r2.result]) expect(result).toMatchObject({ revealed: false });
  expect(r2.result.keyText).toBeUndefined();
  expect(r2.result.explanationHtml).toBeUndefined();
  for (const id of rest) await submit(who, 1, id, solve(state.questions[id]!));
  const done = await stateOf(who);
  expect(done.questions[first!]!.last).toMatchObject({ revealed: true });
  expect(done.progress.passed).toBe(true); // 5 of 6 ≥ 0.65: one slip does not fail
});

it("replays a harvest: neither the harvester nor a learner with the harvested keys passes without computing", async () => {
  // Fixed learners: their rounds and numbers are the same on every run (keyed by the test secret).
  const harvester = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  // Round 1: everything wrong until the round ends and shows its keys.
  let state = await stateOf(harvester);
  for (const id of state.order) for (let i = 0; i < 2; i++) await submit(harvester, 1, id, miss(state.questions[id]!));
  state = await stateOf(harvester);
  expect(state.progress).toMatchObject({ roundFinished: true, passed: false });
  const keys = new Map<string, Record<string, unknown>>();
  const harvest = (s: QuizState) => {
    for (const id of s.order) {
      const q = s.questions[id]!;
      const last = q.last!;
      expect(last.revealed).toBe(true);
      // What a harvester copies: a key's text, number or step texts (ids change every round).
      if (last.keyText) keys.set(id, { value: last.keyText.split(" ")[0] });
      else if (last.correctOrder) keys.set(id, { steps: last.correctOrder.map((sid) => q.steps!.find((st) => st.id === sid)!.html) });
      else keys.set(id, { choices: last.choices.filter((c) => c.correct).map((c) => q.choices!.find((x) => x.id === c.id)!.html) });
    }
  };
  harvest(state);
  const copy = (q: QuestionState): Record<string, unknown> | null => {
    const key = keys.get(q.id);
    if (!key) return null;
    if (key.value !== undefined) return { value: key.value };
    if (key.steps) return { order: (key.steps as string[]).map((html) => q.steps!.find((s) => s.html === html)!.id) };
    return { selected: (key.choices as string[]).map((html) => q.choices!.find((c) => c.html === html)!.id) };
  };
  const answerWithCopies = async (who: string, round: number) => {
    await db.rateLimit.deleteMany(); // a real harvest spreads over minutes; rate limits are not what this tests
    const s = await stateOf(who);
    for (const id of s.order) {
      const q = s.questions[id]!;
      for (let i = 0; i < 2; i++) {
        const response = await submit(who, round, id, copy(q) ?? miss(q));
        const r = await response.json();
        expect({ id, status: response.status, error: r.error }).toEqual({ id, status: 200, error: undefined });
        if (!r.result.canRetry) break;
      }
    }
    return stateOf(who);
  };
  // Rounds 2–4: retakes draw other items and new numbers; copied keys never reach the pass mark.
  for (let round = 2; round <= 4; round++) {
    expect((await retake(harvester, round - 1)).status).toBe(200);
    const s = await answerWithCopies(harvester, round);
    expect(s.progress.passed).toBe(false);
    harvest(s);
  }
  expect(await db.quizAttempt.count({ where: { learnerId: harvester, round: 1, informed: true } })).toBe(0);
  expect(await db.quizAttempt.count({ where: { learnerId: harvester, round: { gt: 1 }, informed: false } })).toBe(0);
  // A second learner with every harvested key, on first attempts: no pass either.
  for (let i = 0; i < 5; i++) {
    const copier = `1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5${i}`;
    const s = await answerWithCopies(copier, 1);
    expect(s.progress.passed).toBe(false);
    expect(await db.quizAttempt.count({ where: { learnerId: copier, informed: true } })).toBe(0);
  }
});

it("spaces retakes when the author asks (retakeAfterMinutes), and refuses an early one", async () => {
  const spaced = { ...quiz, retakeAfterMinutes: 30 };
  const { roundProgress } = await import("@/lib/quiz/attempts.server");
  const qs = quiz.questions.slice(0, 6);
  const finished = qs.map((q) => ({ questionId: q.id, score: 0, correct: false }));
  const doubled = [...finished, ...finished];
  const at = new Date("2026-12-07T10:00:00Z");
  const p = roundProgress(spaced, qs, doubled, 0, false, at);
  expect(p).toMatchObject({ canRetake: true, retakeAt: "2026-12-07T10:30:00.000Z" });
  expect(roundProgress(quiz, qs, doubled, 0, false, at).retakeAt).toBeNull();
});
