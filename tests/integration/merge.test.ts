// The merge rule (decision 0176) on a real database: what a device's anonymous learner brings
// into an account when both have worked on the same chapter.
import { mergeLearner } from "@/lib/accounts/merge.server";
import { db, resetDb } from "../support/db";

const ACCOUNT = "acc00000-0000-4000-8000-000000000001";
const DEVICE = "dev00000-0000-4000-8000-000000000002";
const CHAPTER = "course/section/chapter";
const t = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));

async function seed(
  learnerId: string,
  p: {
    readAt: Date | null;
    cells: string[];
    passes: string[];
    best: number | null;
    passedAt: Date | null;
    round: number;
    vote?: { clear: boolean; at: Date };
  },
) {
  await db.chapterProgress.create({
    data: {
      learnerId,
      chapterId: CHAPTER,
      revision: "r1",
      readAt: p.readAt,
      cellsRun: JSON.stringify(p.cells),
      exercisesPassed: JSON.stringify(p.passes),
      quizBestScore: p.best,
      quizPassedAt: p.passedAt,
      quizRound: p.round,
    },
  });
  await db.quizAttempt.create({
    data: {
      learnerId,
      chapterId: CHAPTER,
      questionId: "q1",
      revision: "qr",
      round: p.round,
      attempt: 1,
      selected: `["${learnerId}"]`,
      shownOrder: "[]",
      score: p.best ?? 0,
      correct: false,
    },
  });
  if (p.vote)
    await db.feedback.create({
      data: { learnerId, chapterId: CHAPTER, revision: "r1", clear: p.vote.clear, createdAt: p.vote.at, updatedAt: p.vote.at },
    });
}

beforeEach(async () => {
  await resetDb();
  await db.learner.create({ data: { id: ACCOUNT, accountCreatedAt: t(0), accountName: "A" } });
  await db.learner.create({ data: { id: DEVICE } });
});
afterAll(() => db.$disconnect());

it("unites marks and passes, keeps the earliest dates and the better quiz history, and the later vote", async () => {
  await seed(ACCOUNT, {
    readAt: t(30),
    cells: ["c1"],
    passes: ["e1"],
    best: 0.5,
    passedAt: null,
    round: 2,
    vote: { clear: true, at: t(10) },
  });
  await seed(DEVICE, {
    readAt: t(20),
    cells: ["c2"],
    passes: ["e2"],
    best: 0.8,
    passedAt: t(25),
    round: 1,
    vote: { clear: false, at: t(40) },
  });
  await db.$transaction((tx) => mergeLearner(tx, DEVICE, ACCOUNT));

  const row = await db.chapterProgress.findUniqueOrThrow({ where: { learnerId_chapterId: { learnerId: ACCOUNT, chapterId: CHAPTER } } });
  expect(row).toMatchObject({ readAt: t(20), quizBestScore: 0.8, quizPassedAt: t(25), quizRound: 1, drawKey: DEVICE });
  expect(JSON.parse(row.cellsRun).sort()).toEqual(["c1", "c2"]);
  expect(JSON.parse(row.exercisesPassed).sort()).toEqual(["e1", "e2"]);
  // The device's attempts replace the account's for this chapter.
  expect((await db.quizAttempt.findMany({ select: { learnerId: true, selected: true } })).map((a) => [a.learnerId, a.selected])).toEqual([
    [ACCOUNT, `["${DEVICE}"]`],
  ]);
  expect(await db.feedback.findMany({ select: { learnerId: true, clear: true } })).toEqual([{ learnerId: ACCOUNT, clear: false }]);
  expect(await db.learner.count({ where: { id: DEVICE } })).toBe(0);
});

it("keeps the account's quiz history on a tie, and never merges an account into another", async () => {
  await seed(ACCOUNT, { readAt: null, cells: [], passes: [], best: 0.5, passedAt: null, round: 3 });
  await seed(DEVICE, { readAt: null, cells: [], passes: [], best: 0.5, passedAt: null, round: 1 });
  await db.$transaction((tx) => mergeLearner(tx, DEVICE, ACCOUNT));
  const row = await db.chapterProgress.findUniqueOrThrow({ where: { learnerId_chapterId: { learnerId: ACCOUNT, chapterId: CHAPTER } } });
  expect(row).toMatchObject({ quizRound: 3, drawKey: null });
  expect((await db.quizAttempt.findMany({ select: { selected: true } })).map((a) => a.selected)).toEqual([`["${ACCOUNT}"]`]);

  const other = "acc00000-0000-4000-8000-000000000003";
  await db.learner.create({ data: { id: other, accountCreatedAt: t(0) } });
  await db.$transaction((tx) => mergeLearner(tx, other, ACCOUNT));
  expect(await db.learner.count({ where: { id: other } })).toBe(1);
});
