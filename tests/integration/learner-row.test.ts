// withLearnerRow against a real database (SQLite, and PostgreSQL in its project): a learner this
// process has seen stored is written at once; a missing row (a foreign key) stores the learner
// and tries once more; a learner not seen stored is stored first.
import { withLearnerRow } from "@/lib/learner/learner.server";
import { db, resetDb } from "../support/db";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const vote =
  (learnerId: string, revision = "r1") =>
  () =>
    db.feedback.create({ data: { learnerId, chapterId: CHAPTER, revision, clear: true }, select: { learnerId: true } });

beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("stores a new learner's row before its first write, then the write goes through", async () => {
  const id = "00000000-0000-4000-8000-00000000a001";
  await expect(withLearnerRow(id, vote(id))).resolves.toEqual({ learnerId: id });
  expect(await db.learner.count({ where: { id } })).toBe(1);
  expect(await db.feedback.count({ where: { learnerId: id } })).toBe(1);
});

it("writes at once for a learner it has seen stored (no learner upsert)", async () => {
  const id = "00000000-0000-4000-8000-00000000a002";
  await withLearnerRow(id, vote(id, "r1"));
  const upsert = jest.spyOn(db.learner, "upsert");
  try {
    await withLearnerRow(id, vote(id, "r2"));
    expect(upsert).not.toHaveBeenCalled();
  } finally {
    upsert.mockRestore();
  }
  expect(await db.feedback.count({ where: { learnerId: id } })).toBe(2);
});

it("stores a row that went missing since it was seen, when the database refuses the write", async () => {
  const id = "00000000-0000-4000-8000-00000000a003";
  await withLearnerRow(id, vote(id));
  await resetDb(); // the row is gone; this process still remembers it
  await expect(withLearnerRow(id, vote(id))).resolves.toEqual({ learnerId: id });
  expect(await db.learner.count({ where: { id } })).toBe(1);
});

it("passes any other failure on without trying again", async () => {
  const id = "00000000-0000-4000-8000-00000000a004";
  await withLearnerRow(id, vote(id));
  let calls = 0;
  const failing = async () => {
    calls += 1;
    throw new Error("disk on fire");
  };
  await expect(withLearnerRow(id, failing)).rejects.toThrow("disk on fire");
  expect(calls).toBe(1);
});
