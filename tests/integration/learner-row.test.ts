// withLearnerRow (every write route runs in it) against a real database (SQLite, and PostgreSQL in
// its project): the handler runs first; a write the database refuses for a missing learner row
// stores the row and runs the handler again; an answer that wrote nothing stores the row only
// when it succeeded, so refused input stores nothing.
import { withLearnerRow } from "@/lib/learner/learner.server";
import { db, resetDb } from "../support/db";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
let calls = 0;
const vote =
  (learnerId: string, revision = "r1") =>
  async () => {
    calls += 1;
    const row = await db.feedback.create({ data: { learnerId, chapterId: CHAPTER, revision, clear: true }, select: { learnerId: true } });
    return Response.json(row);
  };

beforeEach(async () => {
  calls = 0;
  await resetDb();
});
afterAll(() => db.$disconnect());

it("stores a new learner's row when the first write is refused for it, then the write goes through", async () => {
  const id = "00000000-0000-4000-8000-00000000a001";
  const response = await withLearnerRow(id, vote(id));
  expect(await response.json()).toEqual({ learnerId: id });
  expect(calls).toBe(2);
  expect(await db.learner.count({ where: { id } })).toBe(1);
  expect(await db.feedback.count({ where: { learnerId: id } })).toBe(1);
});

it("writes at once for a learner it has seen stored (no learner upsert)", async () => {
  const id = "00000000-0000-4000-8000-00000000a002";
  await withLearnerRow(id, vote(id, "r1"));
  const upsert = jest.spyOn(db.learner, "upsert");
  try {
    calls = 0;
    await withLearnerRow(id, vote(id, "r2"));
    expect(upsert).not.toHaveBeenCalled();
    expect(calls).toBe(1);
  } finally {
    upsert.mockRestore();
  }
  expect(await db.feedback.count({ where: { learnerId: id } })).toBe(2);
});

it("stores a row that went missing since it was seen, when the database refuses the write", async () => {
  const id = "00000000-0000-4000-8000-00000000a003";
  await withLearnerRow(id, vote(id));
  await resetDb(); // the row is gone; this process still remembers it
  expect((await withLearnerRow(id, vote(id))).status).toBe(200);
  expect(await db.learner.count({ where: { id } })).toBe(1);
});

it("stores nothing for a refused answer, and the row for a successful one that wrote nothing", async () => {
  const id = "00000000-0000-4000-8000-00000000a005";
  expect((await withLearnerRow(id, async () => Response.json({ error: "no" }, { status: 404 }))).status).toBe(404);
  expect(await db.learner.count({ where: { id } })).toBe(0);
  expect((await withLearnerRow(id, async () => Response.json({ streaming: true }))).status).toBe(200);
  expect(await db.learner.count({ where: { id } })).toBe(1);
});

it("passes any other failure on without trying again", async () => {
  const id = "00000000-0000-4000-8000-00000000a004";
  await withLearnerRow(id, vote(id));
  calls = 0;
  const failing = async (): Promise<Response> => {
    calls += 1;
    throw new Error("disk on fire");
  };
  await expect(withLearnerRow(id, failing)).rejects.toThrow("disk on fire");
  expect(calls).toBe(1);
});
