// withLearnerRow against a real database (SQLite, and PostgreSQL in its project): a write that
// needs the learner's row is tried as it is, and only a missing row (a foreign key) stores the
// learner and tries once more.
import { withLearnerRow } from "@/lib/learner/learner.server";
import { db, resetDb } from "../support/db";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const vote = (learnerId: string) => () =>
  db.feedback.create({ data: { learnerId, chapterId: CHAPTER, revision: "r1", clear: true }, select: { learnerId: true } });

beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("stores a new learner's row when its first write needs it, then the write goes through", async () => {
  const id = "00000000-0000-4000-8000-00000000a001";
  await expect(withLearnerRow(id, vote(id))).resolves.toEqual({ learnerId: id });
  expect(await db.learner.count({ where: { id } })).toBe(1);
  expect(await db.feedback.count({ where: { learnerId: id } })).toBe(1);
});

it("leaves the learner table alone when the row is there (one write, no upsert)", async () => {
  const id = "00000000-0000-4000-8000-00000000a002";
  await db.learner.create({ data: { id } });
  const upsert = jest.spyOn(db.learner, "upsert");
  try {
    await withLearnerRow(id, vote(id));
    expect(upsert).not.toHaveBeenCalled();
  } finally {
    upsert.mockRestore();
  }
  expect(await db.feedback.count({ where: { learnerId: id } })).toBe(1);
});

it("stores a row that went missing again (nothing is cached)", async () => {
  const id = "00000000-0000-4000-8000-00000000a003";
  await withLearnerRow(id, vote(id));
  await resetDb();
  await expect(withLearnerRow(id, vote(id))).resolves.toEqual({ learnerId: id });
  expect(await db.learner.count({ where: { id } })).toBe(1);
});

it("passes any other failure on without storing the learner or trying again", async () => {
  const id = "00000000-0000-4000-8000-00000000a004";
  let calls = 0;
  const failing = async () => {
    calls += 1;
    throw new Error("disk on fire");
  };
  await expect(withLearnerRow(id, failing)).rejects.toThrow("disk on fire");
  expect(calls).toBe(1);
  expect(await db.learner.count()).toBe(0);
});
