// On SQLite, Prisma's adapter has one connection: a write from another request while a
// transaction is open must not join it. Here a transaction fails after another write was
// acknowledged; that write must still be stored (before the gate it was rolled back with it).
import Database from "better-sqlite3";
import { sqliteFile } from "@/lib/db.server";
import { db, resetDb } from "../support/db";

beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("keeps an acknowledged write made while another request's transaction is open and then rolled back", async () => {
  let inside!: () => void;
  const opened = new Promise<void>((r) => (inside = r));
  const failing = db
    .$transaction(async (tx) => {
      await tx.learner.create({ data: { id: "in-the-transaction" } });
      inside();
      await new Promise((r) => setTimeout(r, 150)); // e.g. a slow step before the transaction fails
      throw new Error("rolled back on purpose");
    })
    .catch((error: Error) => error.message);
  await opened;
  await db.learner.create({ data: { id: "another-request" } }); // acknowledged to its request
  expect(await failing).toBe("rolled back on purpose");
  const stored = (await db.learner.findMany({ select: { id: true } })).map((r) => r.id);
  expect(stored).toEqual(["another-request"]);
});

it("still runs plain queries concurrently with each other and transactions one after another", async () => {
  const ids = Array.from({ length: 20 }, (_, i) => `learner-${i}`);
  await Promise.all([
    ...ids.map((id) => db.learner.create({ data: { id } })),
    db.$transaction(async (tx) => {
      await tx.learner.create({ data: { id: "tx-1" } });
    }),
    db.$transaction([db.learner.create({ data: { id: "tx-2" } })]),
  ]);
  expect(await db.learner.count()).toBe(22);
});

it("takes the file's write lock when a transaction begins, before its first write (BEGIN IMMEDIATE)", async () => {
  const other = new Database(sqliteFile(process.env.DATABASE_URL!), { timeout: 0 }); // "another process"
  try {
    let inside!: () => void;
    let release!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    const held = new Promise<void>((r) => (release = r));
    const transaction = db.$transaction(async (tx) => {
      await tx.learner.findMany({ take: 1 }); // reads only, so far
      inside();
      await held;
      await tx.learner.create({ data: { id: "after-the-read" } });
    });
    await opened;
    // A deferred BEGIN would let the other writer in here, and then fail the transaction's write.
    expect(() => other.prepare("INSERT INTO Learner (id, createdAt) VALUES ('other', 0)").run()).toThrow(/database is locked/);
    release();
    await transaction;
    other.prepare("INSERT INTO Learner (id, createdAt) VALUES ('other', 0)").run();
    expect((await db.learner.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id)).toEqual([
      "after-the-read",
      "other",
    ]);
  } finally {
    other.close();
  }
});

it("a transaction waits out another process's write lock, then begins (no retry by the caller)", async () => {
  const other = new Database(sqliteFile(process.env.DATABASE_URL!));
  try {
    other.prepare("BEGIN IMMEDIATE").run(); // well past the 10 ms busy timeout
    const transaction = db.$transaction([db.learner.create({ data: { id: "waited" } }), db.learner.create({ data: { id: "waited-2" } })]);
    const plain = db.learner.create({ data: { id: "plain" } });
    await new Promise((r) => setTimeout(r, 300));
    expect(other.prepare("SELECT count(*) AS n FROM Learner").get()).toEqual({ n: 0 });
    other.prepare("COMMIT").run();
    await Promise.all([transaction, plain]);
    expect((await db.learner.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id)).toEqual([
      "plain",
      "waited",
      "waited-2",
    ]);
  } finally {
    other.close();
  }
});

it("after a transaction could not begin (another process held the lock ~5 s), the next one begins", async () => {
  const other = new Database(sqliteFile(process.env.DATABASE_URL!));
  try {
    other.prepare("BEGIN IMMEDIATE").run(); // holds the write lock past the busy timeout
    const two = (id: string) => [db.learner.create({ data: { id } }), db.learner.create({ data: { id: `${id}-2` } })];
    await expect(db.$transaction(two("refused"))).rejects.toThrow(/locked|busy/i);
    other.prepare("COMMIT").run();
    // The adapter's own BEGIN would have left its internal mutex locked: this one would time out.
    await db.$transaction(two("next"));
    expect((await db.learner.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id)).toEqual(["next", "next-2"]);
  } finally {
    other.close();
  }
}, 30_000);
